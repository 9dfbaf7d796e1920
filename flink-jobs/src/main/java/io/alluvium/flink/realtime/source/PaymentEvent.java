package io.alluvium.flink.realtime.source;

import io.alluvium.flink.realtime.views.UserActivity;

/**
 * A valid payment event, reduced to what the fraud rules and the user features read. Money is in integer
 * cents (Silver types amount as decimal(18,2)). A public class with public fields (and {@link ValidEvent}'s)
 * so that Flink serializes it as a POJO, without Kryo.
 */
public final class PaymentEvent extends ValidEvent {
    public String orderId;
    public String cardFingerprint;
    public long amountCents;
    public boolean authorized;
    public String ipCountry;

    public PaymentEvent() {
    }

    PaymentEvent(String eventId, String orderId, String userId, String cardFingerprint, long amountCents,
            boolean authorized, String ipCountry, long eventTs) {
        super(eventId, userId, eventTs);
        this.orderId = orderId;
        this.cardFingerprint = cardFingerprint;
        this.amountCents = amountCents;
        this.authorized = authorized;
        this.ipCountry = ipCountry;
    }

    /**
     * What the user's features read of it: an event of the user, with neither city nor device; it spends
     * nothing (the paid order it settles already counts in spend_today).
     */
    public UserActivity activity() {
        return activity(null, null, 0);
    }
}
