package io.alluvium.flink.realtime.source;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The checks Silver's rules make of any topic's raw payload (spark-jobs EventClassifier), shared by the
 * realtime job's validations of each topic: a JSON object or bad_json, a field present and not null,
 * strings, ISO instants, money as an exact decimal(18,2).
 */
final class PayloadRules {
    /** Numbers as exact decimals; a name twice in an object is bad JSON, as Silver's parse_json says. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private PayloadRules() {
    }

    /** The payload as a JSON object; null when it is not one (or names a field twice): bad_json. */
    static JsonNode object(byte[] payload) {
        JsonNode o;
        try {
            o = payload == null ? null : JSON.readTree(payload);
        } catch (IOException e) {
            return null;
        }
        return o != null && o.isObject() ? o : null;
    }

    /** Whether one of {@code fields} is absent or null: missing_field. */
    static boolean anyAbsent(JsonNode o, List<String> fields) {
        return fields.stream().anyMatch(f -> absent(o.get(f)));
    }

    static boolean absent(JsonNode node) {
        return node == null || node.isNull();
    }

    static boolean allText(JsonNode o, List<String> fields) {
        return fields.stream().allMatch(f -> o.get(f).isTextual());
    }

    /** The field as an instant, or null when it is not a JSON string with a timestamp of the contract's form. */
    static Instant instant(JsonNode o, String field) {
        JsonNode ts = o.get(field);
        return ts.isTextual() ? IsoInstants.ofContractForm(ts.asText()) : null;
    }

    /** Fits decimal(18,2): at most 2 decimals and 16 integer digits. */
    static boolean isMoney(BigDecimal amount) {
        return amount.stripTrailingZeros().scale() <= 2 && amount.abs().compareTo(new BigDecimal("1e16")) < 0;
    }

    /** Exact cents of an amount that {@link #isMoney}. */
    static long cents(BigDecimal amount) {
        return amount.movePointRight(2).longValueExact();
    }
}
