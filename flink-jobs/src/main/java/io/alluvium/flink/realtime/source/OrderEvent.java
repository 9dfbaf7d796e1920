package io.alluvium.flink.realtime.source;

import io.alluvium.flink.realtime.views.UserActivity;

/**
 * A valid order event, reduced to what the realtime aggregates and the fraud rules read. Money is in
 * integer cents, so that sums are exact (Silver types amount as decimal(18,2)). A public class with public
 * fields (and {@link ValidEvent}'s) so that Flink serializes it as a POJO, without Kryo.
 */
public final class OrderEvent extends ValidEvent implements CityEvent {
    public String orderId;
    public String city;
    public String status;
    public long amountCents;
    public int itemsQty;

    public OrderEvent() {
    }

    OrderEvent(String eventId, String orderId, String userId, String city, String status, long amountCents,
            int itemsQty, long eventTs) {
        super(eventId, userId, eventTs);
        this.orderId = orderId;
        this.city = city;
        this.status = status;
        this.amountCents = amountCents;
        this.itemsQty = itemsQty;
    }

    @Override
    public String city() {
        return city;
    }

    /** What the user's features read of it: an order has a city but no device, and a paid one spends its amount. */
    public UserActivity activity() {
        return activity(city, null, status.equals("paid") ? amountCents : 0);
    }
}
