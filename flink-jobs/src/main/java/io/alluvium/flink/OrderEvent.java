package io.alluvium.flink;

/**
 * A valid order event, reduced to what the realtime aggregates and the fraud rules read. Money is in
 * integer cents, so that sums are exact (Silver types amount as decimal(18,2)); {@code eventTs} is epoch
 * milliseconds in UTC. A public class with public fields so that Flink serializes it as a POJO, without Kryo.
 */
public final class OrderEvent implements CityEvent {
    public String eventId;
    public String orderId;
    public String userId;
    public String city;
    public String status;
    public long amountCents;
    public int itemsQty;
    public long eventTs;

    public OrderEvent() {
    }

    OrderEvent(String eventId, String orderId, String userId, String city, String status, long amountCents,
            int itemsQty, long eventTs) {
        this.eventId = eventId;
        this.orderId = orderId;
        this.userId = userId;
        this.city = city;
        this.status = status;
        this.amountCents = amountCents;
        this.itemsQty = itemsQty;
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

    @Override
    public String city() {
        return city;
    }

    /** What the user's features read of it: an order has a city but no device, and a paid one spends its amount. */
    UserActivity activity() {
        return new UserActivity(userId, eventId, eventTs, city, null, status.equals("paid") ? amountCents : 0);
    }
}
