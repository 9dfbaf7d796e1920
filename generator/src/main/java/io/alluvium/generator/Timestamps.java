package io.alluvium.generator;

import java.time.LocalDate;

/**
 * Formats epoch milliseconds as the contract's instants ({@code 2026-11-01T10:15:30.123Z}: UTC, always
 * with milliseconds; {@code Instant.toString} drops zero millis) without a formatter per call.
 */
final class Timestamps {
    private static final long DAY_MS = 86_400_000L;
    /** What follows the day: {@code HH:mm:ss.SSSZ}. */
    private static final String TIME_OF_DAY = "00:00:00.000Z";

    /** The last day formatted, with its "yyyy-MM-ddT" prefix: the stream's days change rarely. */
    private record Day(long epochDay, String prefix) {
    }

    private static volatile Day lastDay = new Day(0, LocalDate.ofEpochDay(0) + "T");

    private Timestamps() {
    }

    static String format(long epochMillis) {
        long day = Math.floorDiv(epochMillis, DAY_MS);
        int ms = (int) Math.floorMod(epochMillis, DAY_MS);
        Day cached = lastDay;
        if (cached.epochDay() != day) {
            cached = new Day(day, LocalDate.ofEpochDay(day) + "T");
            lastDay = cached;
        }
        String prefix = cached.prefix();
        char[] text = new char[prefix.length() + TIME_OF_DAY.length()];
        prefix.getChars(0, prefix.length(), text, 0);
        int at = prefix.length();
        at = digits(text, at, ms / 3_600_000, 2);
        text[at++] = ':';
        at = digits(text, at, ms / 60_000 % 60, 2);
        text[at++] = ':';
        at = digits(text, at, ms / 1000 % 60, 2);
        text[at++] = '.';
        at = digits(text, at, ms % 1000, 3);
        text[at] = 'Z';
        return new String(text);
    }

    /** Writes {@code value} as {@code width} digits, zero-padded, at {@code at}; returns the position after them. */
    private static int digits(char[] into, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
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
