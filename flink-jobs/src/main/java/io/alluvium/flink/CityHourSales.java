package io.alluvium.flink;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The running totals of one (city, UTC hour), with gold.city_hourly_sales' definitions: every order event
 * counts in the hour of its own event_ts; paid_amount, distinct_buyers and items_sold are of the
 * {@code paid} events. Buyers are kept as a set, so the distinct count is exact.
 */
public final class CityHourSales {
    static final String KEY_PREFIX = "city_hour:";
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    public long created;
    public long paid;
    public long cancelled;
    public long paidCents;
    public long itemsSold;
    public Set<String> buyers = new HashSet<>();

    void add(OrderEvent e) {
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

    CityHourSales merge(CityHourSales other) {
        created += other.created;
        paid += other.paid;
        cancelled += other.cancelled;
        paidCents += other.paidCents;
        itemsSold += other.itemsSold;
        buyers.addAll(other.buyers);
        return this;
    }

    /** {@code city_hour:<city>:<yyyy-MM-ddTHH>}, the hour in UTC. */
    static String key(String city, long hourStartMillis) {
        return KEY_PREFIX + city + ":" + HOUR.format(Instant.ofEpochMilli(hourStartMillis));
    }

    /** The hash the serving store keeps for this (city, hour): absolute values only. */
    ServingWrite toWrite(String city, long hourStartMillis) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("city", city);
        fields.put("hour_start", Instant.ofEpochMilli(hourStartMillis).toString());
        fields.put("orders_created", Long.toString(created));
        fields.put("orders_paid", Long.toString(paid));
        fields.put("orders_cancelled", Long.toString(cancelled));
        fields.put("paid_amount", BigDecimal.valueOf(paidCents, 2).toPlainString());
        fields.put("distinct_buyers", Integer.toString(buyers.size()));
        fields.put("items_sold", Long.toString(itemsSold));
        return new ServingWrite(key(city, hourStartMillis), fields);
    }
}
