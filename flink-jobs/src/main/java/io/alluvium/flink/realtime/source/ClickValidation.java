package io.alluvium.flink.realtime.source;

import static io.alluvium.flink.realtime.source.PayloadRules.absent;
import static io.alluvium.flink.realtime.source.PayloadRules.allText;
import static io.alluvium.flink.realtime.source.PayloadRules.anyAbsent;
import static io.alluvium.flink.realtime.source.PayloadRules.instant;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Silver's rules for a {@code clickstream} record (spark-jobs EventContract/EventClassifier, docs/events.md),
 * applied to the raw Kafka payload in Silver's order, so that the realtime job accepts exactly the events
 * Silver keeps and rejects the others with Silver's reason code: bad_json, missing_field (product_id is
 * required only for view and add_to_cart), wrong_type, invalid_value (an event_type outside the funnel's four).
 */
public final class ClickValidation {
    static final Set<String> EVENT_TYPES = Set.of("view", "search", "add_to_cart", "checkout");
    private static final List<String> REQUIRED = List.of("event_id", "event_type", "user_id", "session_id", "city",
            "device", "event_ts");
    private static final List<String> STRINGS = List.of("event_id", "event_type", "user_id", "session_id", "city",
            "device");
    private static final Set<String> WITH_PRODUCT = Set.of("view", "add_to_cart");

    private ClickValidation() {
    }

    public static Checked<ClickEvent> validate(byte[] payload) {
        JsonNode o = PayloadRules.object(payload);
        if (o == null) {
            return Checked.rejected("bad_json");
        }
        JsonNode type = o.get("event_type");
        JsonNode product = o.get("product_id");
        if (anyAbsent(o, REQUIRED) || (absent(product) && type.isTextual() && WITH_PRODUCT.contains(type.asText()))) {
            return Checked.rejected("missing_field");
        }
        Instant eventTs = instant(o, "event_ts");
        if (!allText(o, STRINGS) || (!absent(product) && !product.isTextual()) || eventTs == null) {
            return Checked.rejected("wrong_type");
        }
        if (!EVENT_TYPES.contains(type.asText())) {
            return Checked.rejected("invalid_value");
        }
        return Checked.valid(new ClickEvent(o.get("event_id").asText(), type.asText(), o.get("user_id").asText(),
                o.get("city").asText(), o.get("device").asText(), eventTs.toEpochMilli()));
    }
}
