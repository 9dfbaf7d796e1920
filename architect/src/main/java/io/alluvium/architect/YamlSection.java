package io.alluvium.architect;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One mapping of a requirements file, read key by key. Exists so that the reader states the schema once:
 * every key read is remembered, and {@link #finish()} rejects whatever was not read as an unknown key,
 * naming it and its line.
 */
final class YamlSection {
    private final SourceLines doc;
    private final String path;
    private final JsonNode node;
    private final Set<String> read = new LinkedHashSet<>();

    YamlSection(SourceLines doc, String path, JsonNode node) {
        this.doc = doc;
        this.path = path;
        this.node = node;
    }

    static YamlSection root(SourceLines doc) {
        return new YamlSection(doc, "", doc.root());
    }

    String field(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    InvalidInputException error(String key, String message) {
        return doc.error(field(key), message);
    }

    private Optional<JsonNode> raw(String key) {
        read.add(key);
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    Optional<YamlSection> section(String key) {
        return raw(key).map(v -> {
            if (!v.isObject()) {
                throw error(key, "expected a mapping of keys");
            }
            return new YamlSection(doc, field(key), v);
        });
    }

    /** The mapping under key, or an empty one when the file has none (its defaults then apply). */
    YamlSection sectionOrEmpty(String key) {
        return section(key).orElseGet(() -> new YamlSection(doc, field(key),
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()));
    }

    Optional<String> text(String key) {
        return raw(key).map(v -> {
            if (!v.isValueNode()) {
                throw error(key, "expected a single value");
            }
            return v.asText();
        });
    }

    Optional<Double> bytes(String key) {
        return quantity(key, Quantities::bytes);
    }

    Optional<Double> seconds(String key) {
        return quantity(key, Quantities::seconds);
    }

    Optional<Double> percent(String key) {
        return quantity(key, Quantities::percent);
    }

    private Optional<Double> quantity(String key, Function<String, Double> parser) {
        return text(key).map(t -> {
            try {
                return parser.apply(t);
            } catch (IllegalArgumentException e) {
                throw error(key, e.getMessage());
            }
        });
    }

    /** A plain number (no unit) within [min, max]. */
    Optional<Double> number(String key, double min, double max) {
        return raw(key).map(v -> {
            if (!v.isNumber()) {
                throw error(key, "expected a plain number, got \"" + v.asText() + "\"");
            }
            return inRange(key, v.asDouble(), min, max);
        });
    }

    /** A plain whole number (no unit) within [min, max]: a count of nodes or writers. */
    Optional<Double> wholeNumber(String key, double min, double max) {
        return number(key, min, max).map(n -> {
            if (n != Math.rint(n)) {
                throw error(key, Quantities.number(n) + " is not a whole number");
            }
            return n;
        });
    }

    double inRange(String key, double value, double min, double max) {
        if (value < 0 && min >= 0) {
            throw error(key, Quantities.number(value) + " is negative");
        }
        if (value < min || value > max) {
            throw error(key, Quantities.number(value) + " is outside the plausible range "
                    + Quantities.number(min) + " .. " + Quantities.number(max));
        }
        return value;
    }

    Optional<Boolean> bool(String key) {
        return raw(key).map(v -> {
            if (!v.isBoolean()) {
                throw error(key, "expected true or false, got \"" + v.asText() + "\"");
            }
            return v.asBoolean();
        });
    }

    <E extends Enum<E>> Optional<E> enumValue(String key, Class<E> type) {
        return text(key).map(t -> parseEnum(key, t, type));
    }

    <E extends Enum<E>> Optional<List<E>> enumList(String key, Class<E> type) {
        return raw(key).map(v -> {
            if (!v.isArray()) {
                throw error(key, "expected a list such as [" + yamlName(type.getEnumConstants()[0]) + "]");
            }
            List<E> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                out.add(parseEnum(key + "." + i, v.get(i).asText(), type));
            }
            return out;
        });
    }

    private <E extends Enum<E>> E parseEnum(String key, String text, Class<E> type) {
        for (E e : type.getEnumConstants()) {
            if (yamlName(e).equals(text.trim().toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        Set<String> allowed = new TreeSet<>();
        for (E e : type.getEnumConstants()) {
            allowed.add(yamlName(e));
        }
        throw error(key, "\"" + text + "\" is not one of " + allowed);
    }

    /** Keys present in this mapping, in file order. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** Rejects every key of this mapping that no accessor asked for. */
    void finish() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!read.contains(key)) {
                throw error(key, "unknown key" + (read.isEmpty() ? "" : " (known here: " + String.join(", ", read) + ")"));
            }
        }
    }

    static String yamlName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
