package io.alluvium.flink.realtime.source;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alluvium.contract.Check;
import io.alluvium.contract.Field;
import io.alluvium.contract.IsoInstants;
import io.alluvium.contract.JsonType;
import io.alluvium.contract.TopicContract;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The realtime job's interpreter of the event contract (common's EventContracts, docs/events.md): a topic's
 * checks, in the contract's order, each compiled once into a test of the parsed payload. Validating a record is
 * then one parse and a run down an array of tests, at the source's rate; the first test the record fails gives
 * the reason Silver's classifier gives it too.
 */
final class ContractChecks {
    /** Numbers as exact decimals; a name twice in an object is bad JSON, as Silver's parse_json says. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    /** Money is Silver's decimal(18,2): less than this in magnitude. */
    private static final BigDecimal MONEY_LIMIT = new BigDecimal("1e16");

    /** One check, compiled: whether a payload (a JSON object, or null when the payload is not one) fails it. */
    @FunctionalInterface
    private interface Test {
        boolean failedBy(JsonNode payload);
    }

    private final Test[] tests;
    private final String[] reasons;

    ContractChecks(TopicContract contract) {
        List<Check> checks = contract.checks();
        tests = checks.stream().map(ContractChecks::compile).toArray(Test[]::new);
        reasons = checks.stream().map(c -> c.reason().code()).toArray(String[]::new);
    }

    /** The record's event, made by {@code event} of a payload that passes every check; else the first one's reason. */
    <T> Checked<T> validate(byte[] payload, Function<JsonNode, T> event) {
        JsonNode o = object(payload);
        for (int i = 0; i < tests.length; i++) {
            if (tests[i].failedBy(o)) {
                return Checked.rejected(reasons[i]);
            }
        }
        return Checked.valid(event.apply(o));
    }

    /** The payload as a JSON object; null when it is not one. */
    private static JsonNode object(byte[] payload) {
        JsonNode o;
        try {
            o = payload == null ? null : JSON.readTree(payload);
        } catch (IOException e) {
            return null;
        }
        return o != null && o.isObject() ? o : null;
    }

    private static Test compile(Check check) {
        Field target = check.target();
        return switch (check.rule()) {
            case JSON_OBJECT -> payload -> payload == null;
            case PRESENT -> target.requiredWhen() == null ? onValue(check, ContractChecks::absent)
                    : requiredWhen(target);
            case TYPE -> whenPresent(check, hasType(target.type()).negate());
            case ELEMENTS_ARE_OBJECTS -> whenPresent(check, array -> anyElement(array, e -> !e.isObject()));
            case NOT_NEGATIVE -> whenPresent(check, n -> n.decimalValue().signum() < 0);
            case ONE_OF -> {
                Set<String> values = Set.copyOf(target.oneOf());
                yield whenPresent(check, n -> !values.contains(n.textValue()));
            }
            case WHOLE_CENTS -> whenPresent(check, n -> !isWholeCents(n.decimalValue()));
            case NOT_EMPTY -> whenPresent(check, JsonNode::isEmpty);
            case AT_LEAST -> atLeast(check);
            case TOTAL -> notTotal(target);
        };
    }

    /** Whether a value of the payload has its JSON type; a timestamp, also the contract's form. */
    private static Predicate<JsonNode> hasType(JsonType type) {
        return switch (type) {
            case STRING -> JsonNode::isTextual;
            case TIMESTAMP -> n -> n.isTextual() && IsoInstants.ofContractForm(n.textValue()) != null;
            case MONEY -> JsonNode::isNumber;
            case INTEGER -> JsonNode::isInt;
            case OBJECTS -> JsonNode::isArray;
        };
    }

    private static Test atLeast(Check check) {
        BigDecimal min = check.target().atLeast();
        if (check.target().type() == JsonType.INTEGER) {
            int least = min.intValueExact();
            return whenPresent(check, n -> n.intValue() < least);
        }
        return whenPresent(check, n -> n.decimalValue().compareTo(min) < 0);
    }

    /** An amount that is not the sum of quantity × price over its items. */
    private static Test notTotal(Field amount) {
        Field.Total total = amount.totalOf();
        return payload -> {
            JsonNode value = payload.get(amount.name());
            JsonNode items = payload.get(total.items());
            if (absent(value) || absent(items)) {
                return false;
            }
            BigDecimal sum = BigDecimal.ZERO;
            for (JsonNode item : items) {
                sum = sum.add(item.get(total.price()).decimalValue()
                        .multiply(BigDecimal.valueOf(item.get(total.quantity()).intValue())));
            }
            return value.decimalValue().compareTo(sum) != 0;
        };
    }

    /** A conditionally required field absent while its condition holds: the other field a string among the values. */
    private static Test requiredWhen(Field field) {
        Field.Condition condition = field.requiredWhen();
        Set<String> values = Set.copyOf(condition.values());
        return payload -> {
            if (!absent(payload.get(field.name()))) {
                return false;
            }
            JsonNode on = payload.get(condition.field());
            return on != null && on.isTextual() && values.contains(on.textValue());
        };
    }

    /** A test of the checked value, applied when the value is present. */
    private static Test whenPresent(Check check, Predicate<JsonNode> fails) {
        return onValue(check, n -> !absent(n) && fails.test(n));
    }

    /** A test of the checked value: the top-level field's, or the item field's of any element of the array. */
    private static Test onValue(Check check, Predicate<JsonNode> fails) {
        String name = check.field().name();
        if (check.item() == null) {
            return payload -> fails.test(payload.get(name));
        }
        String item = check.item().name();
        return payload -> {
            JsonNode array = payload.get(name);
            return !absent(array) && anyElement(array, e -> fails.test(e.get(item)));
        };
    }

    private static boolean anyElement(JsonNode array, Predicate<JsonNode> test) {
        for (JsonNode element : array) {
            if (test.test(element)) {
                return true;
            }
        }
        return false;
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull();
    }

    /** Fits decimal(18,2): at most 2 decimals (trailing zeros are none) and 16 integer digits. */
    private static boolean isWholeCents(BigDecimal amount) {
        return amount.stripTrailingZeros().scale() <= 2 && amount.abs().compareTo(MONEY_LIMIT) < 0;
    }
}
