package io.alluvium.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.contract.IsoInstants;
import io.alluvium.domain.ServingFields.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns one hash of the serving store (every value text) into a JSON row with the types of
 * {@link io.alluvium.domain.ServingFields}: whole numbers as numbers, decimals as exact text, JSON fields as
 * JSON. Each row starts with {@code "source": "speed"}; a row of the published batch view is the same shape with
 * {@code "source": "batch"} ({@link CityHourReads}). Fields the contract does not know (a newer writer's) are kept, as
 * text; a value that does not read as its type is a {@link StoreContractException}.
 */
final class HashDecoder {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SOURCE = "source";
    static final String SPEED = "speed";
    static final String BATCH = "batch";

    private HashDecoder() {
    }

    /** A new row: {@code {"source": "speed"}}. */
    static ObjectNode row() {
        return JSON.createObjectNode().put(SOURCE, SPEED);
    }

    /** The hash as a row, fields in the contract's order, then any others sorted by name. */
    static ObjectNode decode(String key, Map<String, String> hash, Map<String, Type> schema) {
        ObjectNode row = row();
        schema.forEach((field, type) -> {
            String text = hash.get(field);
            if (text != null) {
                row.set(field, value(key, field, text, type));
            }
        });
        if (!schema.keySet().containsAll(hash.keySet())) {
            new TreeMap<>(hash).forEach((field, text) -> {
                if (!schema.containsKey(field)) {
                    row.put(field, text);
                }
            });
        }
        return row;
    }

    /** A hash whose every field is a whole number (the counts), fields sorted by name. */
    static ObjectNode decodeCounts(String key, Map<String, String> hash) {
        ObjectNode counts = JSON.createObjectNode();
        new TreeMap<>(hash).forEach((field, text) -> counts.set(field, value(key, field, text, Type.INTEGER)));
        return counts;
    }

    private static JsonNode value(String key, String field, String text, Type type) {
        JsonNode value = parse(text, type);
        if (value == null) {
            throw new StoreContractException(key, field, "expected " + describe(type) + ", got \"" + text + "\"");
        }
        return value;
    }

    /** The value, or null when the text is not of the type. */
    private static JsonNode parse(String text, Type type) {
        try {
            return switch (type) {
                case TEXT -> JSON.getNodeFactory().textNode(text);
                case INTEGER -> JSON.getNodeFactory().numberNode(Long.parseLong(text));
                case DECIMAL -> JSON.getNodeFactory().textNode(new BigDecimal(text).toPlainString());
                case INSTANT -> JSON.getNodeFactory().textNode(IsoInstants.parse(text).toString());
                case DAY -> JSON.getNodeFactory().textNode(LocalDate.parse(text).toString());
                case JSON -> {
                    JsonNode document = JSON.readTree(text);
                    yield document != null && document.isContainerNode() ? document : null;
                }
            };
        } catch (NumberFormatException | DateTimeParseException | JsonProcessingException e) {
            return null;
        }
    }

    private static String describe(Type type) {
        return switch (type) {
            case TEXT -> "text";
            case INTEGER -> "a whole number";
            case DECIMAL -> "a decimal number";
            case INSTANT -> "an ISO-8601 instant";
            case DAY -> "a day (yyyy-MM-dd)";
            case JSON -> "a JSON array or object";
        };
    }
}
