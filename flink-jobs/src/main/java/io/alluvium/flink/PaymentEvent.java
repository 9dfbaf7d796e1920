package io.alluvium.flink;

/**
 * A valid payment event, reduced to what the fraud rules and the user features read. Money is in integer
 * cents (Silver types amount as decimal(18,2)); {@code eventTs} is epoch milliseconds in UTC. A public class
 * with public fields so that Flink serializes it as a POJO, without Kryo.
 */
public final class PaymentEvent implements TimedEvent {
    public String eventId;
    public String orderId;
    public String userId;
    public String cardFingerprint;
    public long amountCents;
    public boolean authorized;
    public String ipCountry;
    public long eventTs;

    public PaymentEvent() {
    }

    PaymentEvent(String eventId, String orderId, String userId, String cardFingerprint, long amountCents,
            boolean authorized, String ipCountry, long eventTs) {
        this.eventId = eventId;
        this.orderId = orderId;
        this.userId = userId;
        this.cardFingerprint = cardFingerprint;
        this.amountCents = amountCents;
        this.authorized = authorized;
        this.ipCountry = ipCountry;
        this.eventTs = eventTs;
    }

    @Override
    public String eventId() {
        return eventId;
    }

    @Override
    public long eventTs() {
        return eventTs;
    }

    /**
     * What the user's features read of it: an event of the user, with neither city nor device; it spends
     * nothing (the paid order it settles already counts in spend_today).
     */
    UserActivity activity() {
        return new UserActivity(userId, eventId, eventTs, null, null, 0);
    }
}
