package io.alluvium.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alluvium.contract.Reason;
import io.alluvium.domain.Topic;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * docs/events.md as an executable check, written independently of the generator: parses a record and
 * says which malformed kind it is (null when valid). The tests classify every generated record with it
 * and compare with what the generator claims.
 */
final class ContractCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<Topic, List<String>> REQUIRED = Map.of(
            Topic.CLICKSTREAM, List.of("event_id", "event_type", "user_id", "session_id", "city", "device",
                    "event_ts"),
            Topic.ORDERS, List.of("event_id", "order_id", "user_id", "city", "items", "amount", "currency", "status",
                    "event_ts"),
            Topic.PAYMENTS, List.of("event_id", "payment_id", "order_id", "user_id", "card_fingerprint", "amount",
                    "currency", "status", "ip_country", "event_ts"));
    private static final Map<Topic, Set<String>> STATUSES = Map.of(
            Topic.ORDERS, Set.of("created", "paid", "cancelled"),
            Topic.PAYMENTS, Set.of("authorized", "declined"));
    private static final Set<String> EVENT_TYPES = Set.of("view", "search", "add_to_cart", "checkout");

    private ContractCheck() {
    }

    static JsonNode parse(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            return null;
        }
    }

    static Reason classify(Topic topic, byte[] value) {
        JsonNode n = parse(value);
        if (n == null || !n.isObject()) {
            return Reason.BAD_JSON;
        }
        for (String field : REQUIRED.get(topic)) {
            if (!n.hasNonNull(field)) {
                return Reason.MISSING_FIELD;
            }
        }
        if (!typesOk(topic, n)) {
            return Reason.WRONG_TYPE;
        }
        if (topic != Topic.CLICKSTREAM && n.get("amount").decimalValue().signum() < 0) {
            return Reason.NEGATIVE_AMOUNT;
        }
        boolean enumsOk = topic == Topic.CLICKSTREAM ? EVENT_TYPES.contains(n.get("event_type").asText())
                : STATUSES.get(topic).contains(n.get("status").asText());
        if (!enumsOk) {
            return Reason.INVALID_VALUE;
        }
        checkValidEventRules(topic, n);
        return null;
    }

    private static boolean typesOk(Topic topic, JsonNode n) {
        for (String field : REQUIRED.get(topic)) {
            boolean numeric = field.equals("amount");
            boolean array = field.equals("items");
            JsonNode v = n.get(field);
            if (numeric ? !v.isNumber() : array ? !v.isArray() : !v.isTextual()) {
                return false;
            }
        }
        if (topic == Topic.ORDERS) {
            for (JsonNode item : n.get("items")) {
                if (!item.path("product_id").isTextual() || !item.path("qty").isInt()
                        || !item.path("unit_price").isNumber()) {
                    return false;
                }
            }
        }
        try {
            Instant.parse(n.get("event_ts").asText());
        } catch (DateTimeParseException e) {
            return false;
        }
        return true;
    }

    /** Rules a valid event must keep; breaking them is a generator bug, not an injected fault. */
    private static void checkValidEventRules(Topic topic, JsonNode n) {
        String ts = n.get("event_ts").asText();
        if (!ts.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z")) {
            throw new AssertionError("event_ts not in the contract's format: " + n);
        }
        if (topic == Topic.CLICKSTREAM) {
            String type = n.get("event_type").asText();
            if ((type.equals("view") || type.equals("add_to_cart")) && !n.path("product_id").isTextual()) {
                throw new AssertionError("product_id required for " + type + ": " + n);
            }
        }
        if (topic == Topic.ORDERS) {
            if (n.get("items").isEmpty()) {
                throw new AssertionError("order without items: " + n);
            }
            BigDecimal sum = BigDecimal.ZERO;
            for (JsonNode item : n.get("items")) {
                sum = sum.add(item.get("unit_price").decimalValue().multiply(BigDecimal.valueOf(item.get("qty").asInt())));
            }
            if (sum.compareTo(n.get("amount").decimalValue()) != 0) {
                throw new AssertionError("amount is not sum(qty x unit_price): " + n);
            }
        }
        if (topic != Topic.CLICKSTREAM && n.get("amount").decimalValue().scale() > 2) {
            throw new AssertionError("more than 2 decimals: " + n);
        }
    }
}
