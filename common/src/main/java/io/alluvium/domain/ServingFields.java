package io.alluvium.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the hashes of the serving store hold, field by field, as {@code flink-jobs/REALTIME.md} fixes it: each
 * field's name and how its text is to be read. Every value in Redis is text; a reader that knows the type
 * turns {@code "42"} into a number and {@code "[\"e-1\"]"} into a list, and can tell a store that breaks
 * the contract from one that keeps it. Keys are {@link ServingKeys}.
 */
public final class ServingFields {
    /** How a field's text reads. */
    public enum Type {
        /** as is */
        TEXT,
        /** a whole number */
        INTEGER,
        /** an exact decimal, e.g. {@code 1234.50}: kept as text so that no reader rounds it */
        DECIMAL,
        /** an ISO-8601 instant */
        INSTANT,
        /** a UTC day, {@code yyyy-MM-dd} */
        DAY,
        /** a JSON document (array or object) */
        JSON
    }

    public static final String CITY = "city";
    public static final String HOUR_START = "hour_start";
    public static final String MINUTE_START = "minute_start";
    public static final String ORDERS_CREATED = "orders_created";
    public static final String ORDERS_PAID = "orders_paid";
    public static final String ORDERS_CANCELLED = "orders_cancelled";
    public static final String PAID_AMOUNT = "paid_amount";
    public static final String DISTINCT_BUYERS = "distinct_buyers";
    public static final String ITEMS_SOLD = "items_sold";

    /** {@code city_hour:<city>:<hour>}: the columns of gold.city_hourly_sales. */
    public static final Map<String, Type> CITY_HOUR = fields(
            CITY, Type.TEXT, HOUR_START, Type.INSTANT, ORDERS_CREATED, Type.INTEGER, ORDERS_PAID, Type.INTEGER,
            ORDERS_CANCELLED, Type.INTEGER, PAID_AMOUNT, Type.DECIMAL, DISTINCT_BUYERS, Type.INTEGER,
            ITEMS_SOLD, Type.INTEGER);

    /** The numbers of a {@code city_hour} hash, named as Gold's columns: what invariant 3 compares, in this order. */
    public static final List<String> CITY_HOUR_FACTS = List.of(ORDERS_CREATED, ORDERS_PAID, ORDERS_CANCELLED,
            PAID_AMOUNT, DISTINCT_BUYERS, ITEMS_SOLD);

    /** {@code city_minute:<city>:<minute>}: as {@link #CITY_HOUR}, per minute. */
    public static final Map<String, Type> CITY_MINUTE = fields(
            CITY, Type.TEXT, MINUTE_START, Type.INSTANT, ORDERS_CREATED, Type.INTEGER, ORDERS_PAID, Type.INTEGER,
            ORDERS_CANCELLED, Type.INTEGER, PAID_AMOUNT, Type.DECIMAL, DISTINCT_BUYERS, Type.INTEGER,
            ITEMS_SOLD, Type.INTEGER);

    /** The clickstream funnel's steps: distinct valid events of each type. */
    public static final List<String> FUNNEL_STEPS = List.of("view", "search", "add_to_cart", "checkout");

    /** {@code funnel_hour:<city>:<hour>}: the funnel's steps in the hour. */
    public static final Map<String, Type> FUNNEL_HOUR = funnel(HOUR_START);

    /** {@code funnel_minute:<city>:<minute>}: the funnel's steps in the minute. */
    public static final Map<String, Type> FUNNEL_MINUTE = funnel(MINUTE_START);

    /** {@code user:<user_id>}: the user's live features. */
    public static final Map<String, Type> USER = fields(
            "events_5m", Type.INTEGER, "events_1h", Type.INTEGER, "spend_today", Type.DECIMAL, "spend_day", Type.DAY,
            "last_city", Type.TEXT, "last_device", Type.TEXT, "last_event_ts", Type.INSTANT);

    public static final String ALERT_ID = "alert_id";
    public static final String EVENT_TS = "event_ts";

    /** {@code alert:<alert_id>}: one fraud alert and its evidence. */
    public static final Map<String, Type> ALERT = fields(
            ALERT_ID, Type.TEXT, "rule", Type.TEXT, "user_id", Type.TEXT, "card_fingerprint", Type.TEXT,
            EVENT_TS, Type.INSTANT, "event_ids", Type.JSON, "evidence", Type.JSON);

    /*
     * The fields of {@code batch:current} (read and written by BatchVersion): the version of the batch view readers
     * use (whole number), the snapshot of gold.city_hourly_sales it holds (whole number, kept as text by readers: a
     * JSON double would round a 64-bit id), its watermark (instant: the start of the last UTC hour the batch covers
     * completely), how many city-hours it holds (whole number) and when it was published (instant).
     */
    public static final String VERSION = "version";
    public static final String GOLD_SNAPSHOT_ID = "gold_snapshot_id";
    public static final String WATERMARK = "watermark";
    public static final String CITY_HOURS = "city_hours";
    public static final String PUBLISHED_AT = "published_at";

    private ServingFields() {
    }

    private static Map<String, Type> funnel(String start) {
        Map<String, Type> fields = new LinkedHashMap<>();
        fields.put(CITY, Type.TEXT);
        fields.put(start, Type.INSTANT);
        FUNNEL_STEPS.forEach(step -> fields.put(step, Type.INTEGER));
        return Collections.unmodifiableMap(fields);
    }

    private static Map<String, Type> fields(Object... nameTypePairs) {
        Map<String, Type> fields = new LinkedHashMap<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            fields.put((String) nameTypePairs[i], (Type) nameTypePairs[i + 1]);
        }
        return Collections.unmodifiableMap(fields);
    }
}
