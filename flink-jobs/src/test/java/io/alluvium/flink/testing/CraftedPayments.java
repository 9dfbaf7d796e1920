package io.alluvium.flink.testing;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.domain.Topic;
import java.util.HashMap;
import java.util.Map;

/**
 * Payment and order events written by hand for the fraud rules' test, sent in this order to partition 0
 * of {@code payments} and {@code orders}: each payment references an order, has a card, a user, an
 * amount, a status, an ip_country and an event time ({@code HH:mm:ss} of {@link CraftedOrders#DAY} or a
 * full instant). Remembers what it sent, to send the same bytes again as a duplicate.
 */
public final class CraftedPayments implements AutoCloseable {
    private final CraftedRecords records;
    private final Map<String, String> sent = new HashMap<>();
    private long distinctValid;

    public CraftedPayments(AlluviumConfig config) {
        records = new CraftedRecords(config);
    }

    /** A valid payment, sent for the first time. */
    public CraftedPayments pay(String eventId, String card, String user, String orderId, String amount, String status,
            String ipCountry, String at) {
        String json = "{\"event_id\":\"" + eventId + "\",\"payment_id\":\"pay-" + eventId + "\",\"order_id\":\""
                + orderId + "\",\"user_id\":\"" + user + "\",\"card_fingerprint\":\"" + card + "\",\"amount\":" + amount
                + ",\"currency\":\"EUR\",\"status\":\"" + status + "\",\"ip_country\":\"" + ipCountry
                + "\",\"event_ts\":\"" + instant(at) + "\"}";
        sent.put(eventId, json);
        distinctValid++;
        records.send(Topic.PAYMENTS, json);
        return this;
    }

    /** A valid order event ({@code created}, 10.00) of order {@code orderId} in {@code city}. */
    public CraftedPayments order(String eventId, String orderId, String city, String at) {
        records.send(Topic.ORDERS, "{\"event_id\":\"" + eventId + "\",\"order_id\":\"" + orderId
                + "\",\"user_id\":\"u-orders\",\"city\":\"" + city + "\",\"items\":[{\"product_id\":\"p-1\",\"qty\":1,"
                + "\"unit_price\":10.00}],\"amount\":10.00,\"currency\":\"EUR\",\"status\":\"created\",\"event_ts\":\""
                + instant(at) + "\"}");
        return this;
    }

    /** The same bytes as an earlier payment again, as a retrying producer sends them. */
    public CraftedPayments duplicate(String eventId) {
        records.send(Topic.PAYMENTS, sent.get(eventId));
        return this;
    }

    /** A payment record as it is, valid or not (not counted as a distinct valid one). */
    public CraftedPayments raw(String payload) {
        records.send(Topic.PAYMENTS, payload);
        return this;
    }

    /** The JSON of a payment sent earlier, to be broken into a malformed one. */
    public String json(String eventId) {
        return sent.get(eventId);
    }

    public long distinctValid() {
        return distinctValid;
    }

    private static String instant(String at) {
        return at.length() == 8 ? CraftedOrders.DAY + at + ".000Z" : at;
    }

    @Override
    public void close() {
        records.close();
    }
}
