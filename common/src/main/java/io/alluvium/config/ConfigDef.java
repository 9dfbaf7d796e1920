package io.alluvium.config;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every setting of Alluvium declared once: name, type, default, validator and documentation (after
 * Kafka's ConfigDef). Parsing a set of raw values yields typed values or a {@link ConfigException}
 * that names the key and where the bad value came from; unknown keys are errors, not silently ignored.
 */
public final class ConfigDef {

    /** How a raw text value becomes a typed one. */
    public enum Type {
        STRING, INT, LONG, DOUBLE, BOOLEAN, PASSWORD, MEMORY, DURATION
    }

    /** Checks a parsed value; describes what is allowed for the documentation. */
    public interface Validator {
        /** @return null when valid, otherwise what is expected (e.g. "an integer between 1 and 65535") */
        String problem(Object value);
    }

    /** One declared setting. */
    public record Key(String name, Type type, String defaultText, Validator validator, String doc) {
    }

    /** A raw value as written by the user, with where it was written ("alluvium.yaml line 12"). */
    public record RawValue(String text, String origin) {
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)", Pattern.CASE_INSENSITIVE);

    private final Map<String, Key> keys = new LinkedHashMap<>();

    public ConfigDef define(String name, Type type, String defaultText, Validator validator, String doc) {
        if (keys.containsKey(name)) {
            throw new IllegalStateException("setting declared twice: " + name);
        }
        Key key = new Key(name, type, defaultText, validator, doc);
        keys.put(name, key);
        // The default must itself be valid: a wrong default is a programming error, caught at class load.
        parseValue(key, new RawValue(defaultText, "default"));
        return this;
    }

    public ConfigDef define(String name, Type type, String defaultText, String doc) {
        return define(name, type, defaultText, null, doc);
    }

    public Collection<Key> keys() {
        return Collections.unmodifiableCollection(keys.values());
    }

    public boolean has(String name) {
        return keys.containsKey(name);
    }

    /** Typed values for every declared key: the raw value where given, else the default. */
    public Map<String, Object> parse(Map<String, RawValue> raw) {
        for (Map.Entry<String, RawValue> e : raw.entrySet()) {
            if (!keys.containsKey(e.getKey())) {
                throw new ConfigException(e.getKey(), e.getValue().origin(),
                        "unknown setting" + DidYouMean.among(e.getKey(), keys.keySet()));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Key key : keys.values()) {
            RawValue value = raw.getOrDefault(key.name(), new RawValue(key.defaultText(), "default"));
            values.put(key.name(), parseValue(key, value));
        }
        return values;
    }

    private static Object parseValue(Key key, RawValue raw) {
        String text = raw.text() == null ? "" : raw.text().trim();
        Object value;
        try {
            value = switch (key.type()) {
                case STRING -> text;
                case PASSWORD -> new Password(raw.text());
                case INT -> Integer.parseInt(text);
                case LONG -> Long.parseLong(text.replace("_", ""));
                case DOUBLE -> Double.parseDouble(text);
                case BOOLEAN -> parseBoolean(text);
                case MEMORY -> MemorySize.parse(text);
                case DURATION -> parseDuration(text);
            };
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key.name(), raw.origin(), "expected " + describe(key.type())
                    + ", got \"" + text + "\"");
        }
        if (key.validator() != null) {
            String problem = key.validator().problem(value);
            if (problem != null) {
                throw new ConfigException(key.name(), raw.origin(), "expected " + problem
                        + ", got \"" + (key.type() == Type.PASSWORD ? "[hidden]" : text) + "\"");
            }
        }
        return value;
    }

    private static boolean parseBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(text);
        };
    }

    /**
     * A duration as settings write it: 500ms, 5s, 2m, 1h.
     *
     * @throws IllegalArgumentException saying what is expected, and what was given
     */
    public static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected " + describe(Type.DURATION) + ", got \"" + text + "\"");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    /**
     * A duration as settings write it, in the largest unit that holds it exactly ({@code 5s}, {@code 90s},
     * {@code 2m}, {@code 1500ms}): what {@link #parseDuration} reads back to the same duration.
     */
    public static String formatDuration(Duration duration) {
        long ms = duration.toMillis();
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    static String describe(Type type) {
        return switch (type) {
            case STRING, PASSWORD -> "a string";
            case INT, LONG -> "a whole number";
            case DOUBLE -> "a number";
            case BOOLEAN -> "true or false";
            case MEMORY -> "a size such as 512m or 2g";
            case DURATION -> "a duration such as 500ms, 5s, 2m or 1h";
        };
    }

    // ---- validators ----

    public static Validator between(long min, long max) {
        return v -> {
            long n = ((Number) v).longValue();
            return n >= min && n <= max ? null : "a whole number between " + min + " and " + max;
        };
    }

    public static Validator fraction() {
        return v -> {
            double d = ((Number) v).doubleValue();
            return d >= 0.0 && d <= 1.0 ? null : "a fraction between 0.0 and 1.0";
        };
    }

    public static Validator atLeast(double min) {
        return v -> ((Number) v).doubleValue() >= min ? null : "a number of at least " + min;
    }

    public static Validator notBlank() {
        return v -> ((String) v).isBlank() ? "a non-empty text" : null;
    }

    /** {@code host:port} with a port from 1 to 65535, or empty (not set). */
    public static Validator hostAndPortOrEmpty() {
        return v -> {
            String text = (String) v;
            int colon = text.lastIndexOf(':');
            if (text.isEmpty()) {
                return null;
            }
            String expected = "empty or host:port (e.g. flink-jobmanager:8081)";
            if (colon <= 0 || colon == text.length() - 1 || text.substring(0, colon).isBlank()) {
                return expected;
            }
            try {
                int port = Integer.parseInt(text.substring(colon + 1));
                return port >= 1 && port <= 65535 ? null : expected;
            } catch (NumberFormatException e) {
                return expected;
            }
        };
    }

    /** 1, or a whole number from {@code min} to {@code max}: one of a thing, or a quorum of several. */
    public static Validator oneOrBetween(long min, long max) {
        return v -> {
            long n = ((Number) v).longValue();
            return n == 1 || n >= min && n <= max ? null : "1, or a whole number between " + min + " and " + max;
        };
    }

    public static Validator oneOf(String... allowed) {
        List<String> list = List.of(allowed);
        return v -> list.contains(v) ? null : "one of " + String.join(", ", list);
    }

    public static Validator memoryAtLeast(String min) {
        MemorySize floor = MemorySize.parse(min);
        return v -> ((MemorySize) v).bytes() >= floor.bytes() ? null : "a size of at least " + min;
    }

    public static Validator durationBetween(Duration min, Duration max) {
        return v -> {
            Duration d = (Duration) v;
            return d.compareTo(min) >= 0 && d.compareTo(max) <= 0 ? null
                    : "a duration between " + formatDuration(min) + " and " + formatDuration(max);
        };
    }
}
