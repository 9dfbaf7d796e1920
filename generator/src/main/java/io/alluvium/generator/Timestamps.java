package io.alluvium.generator;

import java.time.LocalDate;

/**
 * Formats epoch milliseconds as the contract's instants ({@code 2026-11-01T10:15:30.123Z}: UTC, always
 * with milliseconds; {@code Instant.toString} drops zero millis) without a formatter per call.
 */
final class Timestamps {
    private static final long DAY_MS = 86_400_000L;

    /** The last day formatted, with its "yyyy-MM-ddT" prefix: the stream's days change rarely. */
    private record Day(long epochDay, String prefix) {
    }

    private static volatile Day lastDay = new Day(0, LocalDate.ofEpochDay(0) + "T");

    private Timestamps() {
    }

    static String format(long epochMillis) {
        long day = Math.floorDiv(epochMillis, DAY_MS);
        long ms = Math.floorMod(epochMillis, DAY_MS);
        Day cached = lastDay;
        if (cached.epochDay() != day) {
            cached = new Day(day, LocalDate.ofEpochDay(day) + "T");
            lastDay = cached;
        }
        StringBuilder sb = new StringBuilder(24).append(cached.prefix());
        pad(sb, ms / 3_600_000, 2).append(':');
        pad(sb, ms / 60_000 % 60, 2).append(':');
        pad(sb, ms / 1000 % 60, 2).append('.');
        return pad(sb, ms % 1000, 3).append('Z').toString();
    }

    /** Appends {@code value} left-padded with zeros to {@code width} digits. */
    static StringBuilder pad(StringBuilder sb, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(digits);
    }
}
