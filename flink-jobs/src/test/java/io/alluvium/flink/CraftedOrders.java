package io.alluvium.flink;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.domain.Topic;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Order events written by hand for the realtime test, sent in this order to one partition of
 * {@code orders} (so which events are too late follows from the order alone), and what
 * gold.city_hourly_sales would make of the valid, distinct ones, computed here independently of the job
 * (BigDecimal sums, a set of buyers per hour of the paid events) with the job's too-late ones left out.
 */
final class CraftedOrders implements AutoCloseable {
    static final String DAY = "2026-11-01T";

    /** A valid order event as sent. */
    record OrderSent(String eventId, String status, String city, String userId, String ts, String qty, String price) {
        String json() {
            BigDecimal amount = new BigDecimal(price).multiply(new BigDecimal(qty));
            return "{\"event_id\":\"" + eventId + "\",\"order_id\":\"o-" + eventId + "\",\"user_id\":\"" + userId
                    + "\",\"city\":\"" + city + "\",\"items\":[{\"product_id\":\"p-1\",\"qty\":" + qty
                    + ",\"unit_price\":" + price + "}],\"amount\":" + amount.toPlainString()
                    + ",\"currency\":\"EUR\",\"status\":\"" + status + "\",\"event_ts\":\"" + DAY + ts + ":00.000Z\"}";
        }

        Instant instant() {
            return Instant.parse(DAY + ts + ":00.000Z");
        }
    }

    private final CraftedRecords records;
    private final List<OrderSent> distinctValid = new ArrayList<>();
    /** Valid events too late for their window: not in the expected hours. */
    private final Set<String> tooLate = new HashSet<>();
    /** Every id the job must keep in its too-late hash: those, and copies it no longer recognized. */
    private final Set<String> keptAsTooLate = new HashSet<>();

    CraftedOrders(AlluviumConfig config) {
        records = new CraftedRecords(config);
    }

    /** Sends a valid event for the first time. */
    CraftedOrders valid(OrderSent order) {
        distinctValid.add(order);
        return raw(order.json());
    }

    /** Sends a valid event the job must find too late for its window. */
    CraftedOrders tooLate(OrderSent order) {
        tooLate.add(order.eventId());
        keptAsTooLate.add(order.eventId());
        return valid(order);
    }

    /**
     * Sends the same bytes as an earlier event again after the job forgot its id
     * ({@code realtime.dedup-retention}): a new event to the job, and too late for its long-closed window.
     */
    CraftedOrders forgottenCopy(OrderSent order) {
        keptAsTooLate.add(order.eventId());
        return raw(order.json());
    }

    /** Sends the same bytes as an earlier event again, as a retrying producer does. */
    CraftedOrders duplicate(OrderSent order) {
        return raw(order.json());
    }

    CraftedOrders raw(String payload) {
        records.send(Topic.ORDERS, payload);
        return this;
    }

    Set<String> tooLateIds() {
        return Set.copyOf(keptAsTooLate);
    }

    /** Per city_hour key, the hash gold.city_hourly_sales' definitions give for what was sent. */
    Map<String, Map<String, String>> expectedCityHours() {
        Map<String, List<OrderSent>> byKey = new TreeMap<>();
        for (OrderSent o : distinctValid) {
            if (!tooLate.contains(o.eventId())) {
                Instant hour = o.instant().truncatedTo(ChronoUnit.HOURS);
                byKey.computeIfAbsent(o.city() + "|" + hour, k -> new ArrayList<>()).add(o);
            }
        }
        Map<String, Map<String, String>> expected = new TreeMap<>();
        byKey.forEach((k, orders) -> {
            String city = orders.get(0).city();
            Instant hour = orders.get(0).instant().truncatedTo(ChronoUnit.HOURS);
            BigDecimal paid = BigDecimal.ZERO.setScale(2);
            long items = 0;
            Set<String> buyers = new HashSet<>();
            for (OrderSent o : orders) {
                if (o.status().equals("paid")) {
                    paid = paid.add(new BigDecimal(o.price()).multiply(new BigDecimal(o.qty())));
                    items += Long.parseLong(o.qty());
                    buyers.add(o.userId());
                }
            }
            Map<String, String> hash = new HashMap<>();
            hash.put("city", city);
            hash.put("hour_start", hour.toString());
            hash.put("orders_created", count(orders, "created"));
            hash.put("orders_paid", count(orders, "paid"));
            hash.put("orders_cancelled", count(orders, "cancelled"));
            hash.put("paid_amount", paid.toPlainString());
            hash.put("distinct_buyers", Integer.toString(buyers.size()));
            hash.put("items_sold", Long.toString(items));
            expected.put("city_hour:" + city + ":" + hour.toString().substring(0, 13), hash);
        });
        return expected;
    }

    private static String count(List<OrderSent> orders, String status) {
        return Long.toString(orders.stream().filter(o -> o.status().equals(status)).count());
    }

    @Override
    public void close() {
        records.close();
    }
}
