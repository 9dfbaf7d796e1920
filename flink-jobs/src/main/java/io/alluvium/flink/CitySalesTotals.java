package io.alluvium.flink;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The running totals of one city's window of orders (an hour for {@code city_hour}, a minute for
 * {@code city_minute}), with gold.city_hourly_sales' definitions: every order event counts in the window of
 * its own event_ts; paid_amount, distinct_buyers and items_sold are of the {@code paid} events. Buyers are
 * kept as a set, so the distinct count is exact.
 */
public final class CitySalesTotals implements CityTotals<OrderEvent, CitySalesTotals> {
    public long created;
    public long paid;
    public long cancelled;
    public long paidCents;
    public long itemsSold;
    public Set<String> buyers = new HashSet<>();

    @Override
    public void add(OrderEvent e) {
        switch (e.status) {
            case "created" -> created++;
            case "cancelled" -> cancelled++;
            case "paid" -> {
                paid++;
                paidCents += e.amountCents;
                itemsSold += e.itemsQty;
                buyers.add(e.userId);
            }
            default -> throw new IllegalArgumentException("unknown status " + e.status);
        }
    }

    @Override
    public CitySalesTotals merge(CitySalesTotals other) {
        created += other.created;
        paid += other.paid;
        cancelled += other.cancelled;
        paidCents += other.paidCents;
        itemsSold += other.itemsSold;
        buyers.addAll(other.buyers);
        return this;
    }

    @Override
    public void putFields(Map<String, String> fields) {
        fields.put("orders_created", Long.toString(created));
        fields.put("orders_paid", Long.toString(paid));
        fields.put("orders_cancelled", Long.toString(cancelled));
        fields.put("paid_amount", BigDecimal.valueOf(paidCents, 2).toPlainString());
        fields.put("distinct_buyers", Integer.toString(buyers.size()));
        fields.put("items_sold", Long.toString(itemsSold));
    }
}
