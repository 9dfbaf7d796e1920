package io.alluvium.flink.realtime.views;

import io.alluvium.flink.realtime.source.OrderEvent;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The running totals of one city's window of orders (an hour for {@code city_hour}, a minute for
 * {@code city_minute}), with gold.city_hourly_sales' definitions: every order event counts in the window of
 * its own event_ts; paid_amount, distinct_buyers and items_sold are of the {@code paid} events. The window
 * tells which buyers are new to it (it keeps them), so the distinct count is exact.
 */
public final class CitySalesTotals implements CityTotals<OrderEvent> {
    public long created;
    public long paid;
    public long cancelled;
    public long paidCents;
    public long itemsSold;
    public long distinctBuyers;

    @Override
    public String distinctMember(OrderEvent e) {
        return "paid".equals(e.status) ? e.userId : null;
    }

    @Override
    public void add(OrderEvent e, boolean newMember) {
        switch (e.status) {
            case "created" -> created++;
            case "cancelled" -> cancelled++;
            case "paid" -> {
                paid++;
                paidCents += e.amountCents;
                itemsSold += e.itemsQty;
                if (newMember) {
                    distinctBuyers++;
                }
            }
            default -> throw new IllegalArgumentException("unknown status " + e.status);
        }
    }

    @Override
    public void putFields(Map<String, String> fields) {
        fields.put("orders_created", Long.toString(created));
        fields.put("orders_paid", Long.toString(paid));
        fields.put("orders_cancelled", Long.toString(cancelled));
        fields.put("paid_amount", BigDecimal.valueOf(paidCents, 2).toPlainString());
        fields.put("distinct_buyers", Long.toString(distinctBuyers));
        fields.put("items_sold", Long.toString(itemsSold));
    }
}
