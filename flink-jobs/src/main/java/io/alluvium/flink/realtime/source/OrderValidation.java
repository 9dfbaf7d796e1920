package io.alluvium.flink.realtime.source;

import static io.alluvium.flink.realtime.source.PayloadRules.absent;
import static io.alluvium.flink.realtime.source.PayloadRules.allText;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * Silver's rules for an {@code orders} record (spark-jobs EventContract/EventClassifier, docs/events.md),
 * applied to the raw Kafka payload in the same order, so that the realtime job accepts exactly the events
 * Silver keeps and rejects the others with Silver's reason code: bad_json, missing_field, wrong_type,
 * negative_amount, invalid_value. Amounts are parsed as exact decimals, never as doubles.
 */
public final class OrderValidation {
    private static final List<String> REQUIRED = List.of("event_id", "order_id", "user_id", "city", "items",
            "amount", "currency", "status", "event_ts");
    private static final List<String> STRINGS_BEFORE_ITEMS = List.of("event_id", "order_id", "user_id", "city");
    private static final List<String> STRINGS_AFTER_AMOUNT = List.of("currency", "status");
    private static final Set<String> STATUSES = Set.of("created", "paid", "cancelled");

    private OrderValidation() {
    }

    public static Checked<OrderEvent> validate(byte[] payload) {
        JsonNode o = PayloadRules.object(payload);
        if (o == null) {
            return Checked.rejected("bad_json");
        }
        if (PayloadRules.anyAbsent(o, REQUIRED)) {
            return Checked.rejected("missing_field");
        }
        String typeProblem = typeProblem(o);
        if (typeProblem != null) {
            return Checked.rejected(typeProblem);
        }
        BigDecimal amount = o.get("amount").decimalValue();
        if (amount.signum() < 0) {
            return Checked.rejected("negative_amount");
        }
        return valueProblem(o, amount);
    }

    /** wrong_type (or missing_field of an item), checked in the contract's field order as Silver does; null if none. */
    private static String typeProblem(JsonNode o) {
        if (!allText(o, STRINGS_BEFORE_ITEMS)) {
            return "wrong_type";
        }
        JsonNode items = o.get("items");
        if (!items.isArray()) {
            return "wrong_type";
        }
        for (JsonNode item : items) {
            if (!item.isObject()) {
                return "wrong_type";
            }
        }
        for (String itemField : List.of("product_id", "qty", "unit_price")) {
            for (JsonNode item : items) {
                if (absent(item.get(itemField))) {
                    return "missing_field";
                }
            }
        }
        for (JsonNode item : items) {
            if (!item.get("product_id").isTextual() || !item.get("qty").isInt()
                    || !item.get("unit_price").isNumber()) {
                return "wrong_type";
            }
        }
        if (!o.get("amount").isNumber() || !allText(o, STRINGS_AFTER_AMOUNT)
                || PayloadRules.instant(o, "event_ts") == null) {
            return "wrong_type";
        }
        JsonNode coupon = o.get("coupon_code"); // schema v2: optional, a string when present
        return absent(coupon) || coupon.isTextual() ? null : "wrong_type";
    }

    private static Checked<OrderEvent> valueProblem(JsonNode o, BigDecimal amount) {
        String status = o.get("status").asText();
        JsonNode items = o.get("items");
        if (!STATUSES.contains(status) || !PayloadRules.isMoney(amount) || items.isEmpty()) {
            return Checked.rejected("invalid_value");
        }
        BigDecimal total = BigDecimal.ZERO;
        int qty = 0;
        for (JsonNode item : items) {
            BigDecimal price = item.get("unit_price").decimalValue();
            int q = item.get("qty").asInt();
            if (q < 1 || price.signum() < 0 || !PayloadRules.isMoney(price)) {
                return Checked.rejected("invalid_value");
            }
            total = total.add(price.multiply(BigDecimal.valueOf(q)));
            qty += q;
        }
        if (amount.compareTo(total) != 0) {
            return Checked.rejected("invalid_value");
        }
        return Checked.valid(new OrderEvent(o.get("event_id").asText(), o.get("order_id").asText(),
                o.get("user_id").asText(), o.get("city").asText(), status, PayloadRules.cents(amount), qty,
                PayloadRules.instant(o, "event_ts").toEpochMilli()));
    }
}
