package io.alluvium.contract;

import static io.alluvium.contract.Field.optional;
import static io.alluvium.contract.Field.required;
import static io.alluvium.contract.JsonType.INTEGER;
import static io.alluvium.contract.JsonType.MONEY;
import static io.alluvium.contract.JsonType.OBJECTS;
import static io.alluvium.contract.JsonType.STRING;
import static io.alluvium.contract.JsonType.TIMESTAMP;

import io.alluvium.domain.Topic;

/**
 * The event contract of docs/events.md, declared once: the fields of each topic's events, their JSON types and
 * rules. Silver's classifier (spark-jobs) and the realtime job's validation (flink-jobs) each interpret these
 * declarations; docs/events.md shows them as tables, which a test keeps equal to them.
 */
public final class EventContracts {
    /** Unique per logical event: what Silver and the realtime job deduplicate by. */
    public static final String EVENT_ID = "event_id";
    /** When the event happened: Silver partitions by its UTC day, the realtime job's windows follow it. */
    public static final String EVENT_TS = "event_ts";

    public static final TopicContract CLICKSTREAM = new TopicContract(Topic.CLICKSTREAM,
            required(EVENT_ID, STRING).doc("unique per logical event (a duplicate reuses it)"),
            required("event_type", STRING).oneOf("view", "search", "add_to_cart", "checkout"),
            required("user_id", STRING).doc("`u-000123`"),
            required("session_id", STRING),
            optional("product_id", STRING).requiredWhen("event_type", "view", "add_to_cart"),
            required("city", STRING),
            required("device", STRING).doc("`ios`, `android`, `web`"),
            required(EVENT_TS, TIMESTAMP));

    public static final TopicContract ORDERS = new TopicContract(Topic.ORDERS,
            required(EVENT_ID, STRING),
            required("order_id", STRING).doc("`o-0000001`"),
            required("user_id", STRING),
            required("city", STRING),
            required("items", OBJECTS).notEmpty().withItems(
                    required("product_id", STRING),
                    required("qty", INTEGER).atLeast(1),
                    required("unit_price", MONEY).atLeast(0)),
            required("amount", MONEY).notNegative().totalOf("items", "qty", "unit_price"),
            required("currency", STRING).doc("`EUR`"),
            required("status", STRING).oneOf("created", "paid", "cancelled"),
            required(EVENT_TS, TIMESTAMP),
            optional("coupon_code", STRING).doc("schema v2 only (absent in v1 records)"));

    public static final TopicContract PAYMENTS = new TopicContract(Topic.PAYMENTS,
            required(EVENT_ID, STRING),
            required("payment_id", STRING),
            required("order_id", STRING),
            required("user_id", STRING),
            required("card_fingerprint", STRING),
            required("amount", MONEY).notNegative(),
            required("currency", STRING),
            required("status", STRING).oneOf("authorized", "declined"),
            required("ip_country", STRING).doc("ISO 3166 alpha-2"),
            required(EVENT_TS, TIMESTAMP));

    private EventContracts() {
    }

    public static TopicContract of(Topic topic) {
        return switch (topic) {
            case CLICKSTREAM -> CLICKSTREAM;
            case ORDERS -> ORDERS;
            case PAYMENTS -> PAYMENTS;
        };
    }
}
