package io.alluvium.flink.testing;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.domain.Topic;
import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Order events written by hand ({@link CraftedEvents}), and what gold.city_hourly_sales' definitions make
 * of the valid, distinct ones per city and hour or minute (BigDecimal sums, a set of buyers of the paid
 * events), with the job's too-late ones left out.
 */
public final class CraftedOrders extends CraftedEvents<CraftedOrders.OrderSent> {

    /** A valid order event as sent: {@code qty} items at {@code price}. */
    public record OrderSent(String eventId, String status, String city, String userId, String ts, String qty, String price)
            implements CraftedEvents.Sent {
        @Override
        public String json() {
            return "{\"event_id\":\"" + eventId + "\",\"order_id\":\"o-" + eventId + "\",\"user_id\":\"" + userId
                    + "\",\"city\":\"" + city + "\",\"items\":[{\"product_id\":\"p-1\",\"qty\":" + qty
                    + ",\"unit_price\":" + price + "}],\"amount\":" + amount().toPlainString()
                    + ",\"currency\":\"EUR\",\"status\":\"" + status + "\",\"event_ts\":\"" + eventTs() + "\"}";
        }

        public BigDecimal amount() {
            return new BigDecimal(price).multiply(new BigDecimal(qty));
        }

        public boolean paid() {
            return status.equals("paid");
        }
    }

    public CraftedOrders(AlluviumConfig config) {
        super(config, Topic.ORDERS);
    }

    /** Per {@code city_hour} (HOURS) or {@code city_minute} (MINUTES) key, the hash the job must hold. */
    public Map<String, Map<String, String>> expected(ChronoUnit unit) {
        return expected("city", unit, CraftedOrders::sales);
    }

    /** What gold.city_hourly_sales says of these orders (all of one city and window). */
    private static Map<String, String> sales(List<OrderSent> orders) {
        BigDecimal paid = BigDecimal.ZERO.setScale(2);
        long items = 0;
        Set<String> buyers = new HashSet<>();
        for (OrderSent o : orders) {
            if (o.paid()) {
                paid = paid.add(o.amount());
                items += Long.parseLong(o.qty());
                buyers.add(o.userId());
            }
        }
        Map<String, String> hash = new HashMap<>();
        hash.put("orders_created", count(orders, "created"));
        hash.put("orders_paid", count(orders, "paid"));
        hash.put("orders_cancelled", count(orders, "cancelled"));
        hash.put("paid_amount", paid.toPlainString());
        hash.put("distinct_buyers", Integer.toString(buyers.size()));
        hash.put("items_sold", Long.toString(items));
        return hash;
    }

    private static String count(List<OrderSent> orders, String status) {
        return Long.toString(orders.stream().filter(o -> o.status().equals(status)).count());
    }
}
