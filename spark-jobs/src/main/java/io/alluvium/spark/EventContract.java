package io.alluvium.spark;

import io.alluvium.domain.Topic;
import java.util.List;

/**
 * docs/events.md as data: the fields of each topic, their JSON kinds and rules. Silver's validation and
 * its typed columns are both derived from this one description, so the contract is written once.
 * {@code totalOfItems}, when not null, names the money field that must equal sum(qty × unit_price).
 */
public record EventContract(Topic topic, List<Field> fields, String totalOfItems) {

    /** What a field must be in the JSON payload, and the Silver column type it becomes. */
    public enum Kind {
        STRING("string"),
        /** A JSON string with an instant in the contract's form (common TimestampFormat). */
        INSTANT("timestamp"),
        /** A JSON number, at most 2 decimals, never negative. */
        MONEY("decimal(18,2)"),
        /** A non-empty JSON array of {product_id: string, qty: int, unit_price: number}. */
        ITEMS("array<struct<product_id:string,qty:int,unit_price:decimal(18,2)>>");

        private final String sqlType;

        Kind(String sqlType) {
            this.sqlType = sqlType;
        }

        public String sqlType() {
            return sqlType;
        }
    }

    /**
     * One top-level field. {@code required} fields must be present and not null; a field with
     * {@code requiredWhenField} is required only when that field has one of {@code requiredWhenValues};
     * {@code oneOf}, when not empty, is the closed set of allowed values.
     */
    public record Field(String name, Kind kind, boolean required, List<String> oneOf,
                        String requiredWhenField, List<String> requiredWhenValues) {

        static Field required(String name, Kind kind) {
            return new Field(name, kind, true, List.of(), null, List.of());
        }

        static Field optional(String name, Kind kind) {
            return new Field(name, kind, false, List.of(), null, List.of());
        }

        Field oneOf(String... values) {
            return new Field(name, kind, required, List.of(values), requiredWhenField, requiredWhenValues);
        }

        Field requiredWhen(String field, String... values) {
            return new Field(name, kind, false, oneOf, field, List.of(values));
        }
    }

    public static final String EVENT_ID = "event_id";
    public static final String EVENT_TS = "event_ts";

    public static EventContract of(Topic topic) {
        return switch (topic) {
            case CLICKSTREAM -> new EventContract(topic, List.of(
                    Field.required(EVENT_ID, Kind.STRING),
                    Field.required("event_type", Kind.STRING).oneOf("view", "search", "add_to_cart", "checkout"),
                    Field.required("user_id", Kind.STRING),
                    Field.required("session_id", Kind.STRING),
                    Field.optional("product_id", Kind.STRING).requiredWhen("event_type", "view", "add_to_cart"),
                    Field.required("city", Kind.STRING),
                    Field.required("device", Kind.STRING),
                    Field.required(EVENT_TS, Kind.INSTANT)), null);
            case ORDERS -> new EventContract(topic, List.of(
                    Field.required(EVENT_ID, Kind.STRING),
                    Field.required("order_id", Kind.STRING),
                    Field.required("user_id", Kind.STRING),
                    Field.required("city", Kind.STRING),
                    Field.required("items", Kind.ITEMS),
                    Field.required("amount", Kind.MONEY),
                    Field.required("currency", Kind.STRING),
                    Field.required("status", Kind.STRING).oneOf("created", "paid", "cancelled"),
                    Field.required(EVENT_TS, Kind.INSTANT),
                    // schema v2: absent in v1 records, null or a string in v2
                    Field.optional("coupon_code", Kind.STRING)), "amount");
            case PAYMENTS -> new EventContract(topic, List.of(
                    Field.required(EVENT_ID, Kind.STRING),
                    Field.required("payment_id", Kind.STRING),
                    Field.required("order_id", Kind.STRING),
                    Field.required("user_id", Kind.STRING),
                    Field.required("card_fingerprint", Kind.STRING),
                    Field.required("amount", Kind.MONEY),
                    Field.required("currency", Kind.STRING),
                    Field.required("status", Kind.STRING).oneOf("authorized", "declined"),
                    Field.required("ip_country", Kind.STRING),
                    Field.required(EVENT_TS, Kind.INSTANT)), null);
        };
    }
}
