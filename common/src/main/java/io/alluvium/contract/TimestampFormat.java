package io.alluvium.contract;

/**
 * How an event's timestamp is written (docs/events.md): an ISO-8601 instant, date and time to the
 * second, an optional fraction of at most 9 digits, then {@code Z} or an offset {@code ±HH:MM}, every field in
 * range (no hour 24, no leap second, no day its month lacks). The JDK's {@code Instant.parse} and Spark's cast
 * to timestamp each accept more than this, and not the same more (a date alone, a lower-case {@code t}, hour
 * 24): both engines first require this form, so that they take the same texts as timestamps.
 */
public final class TimestampFormat {
    /**
     * The form as a regular expression, anchored at both ends of the text ({@code \z}: not even a line break
     * after it), in the syntax of Java's regular expressions and so of Spark SQL's {@code RLIKE}. That a day
     * exists in its month is left to each engine's parser.
     */
    public static final String PATTERN =
            "^\\d{4}-\\d{2}-\\d{2}T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{0,9})?(Z|[+-]\\d{2}:[0-5]\\d)\\z";

    private TimestampFormat() {
    }
}
