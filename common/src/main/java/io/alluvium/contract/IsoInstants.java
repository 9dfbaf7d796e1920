package io.alluvium.contract;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * {@link Instant#parse} with a fast path for the form producers send, {@code yyyy-MM-ddTHH:mm:ss[.f…]Z}: the
 * realtime job parses every event's event_ts, and the JDK's general formatter was 8 % of the job's CPU. A
 * string of exactly that form with fields in range is read directly; anything else (an offset, a leap second,
 * an out-of-range field, garbage) goes to {@code Instant.parse}, so the result, or the exception, is always the
 * JDK's. {@link #ofContractForm} is what validation reads: only the texts of the contract's form.
 */
public final class IsoInstants {
    private static final int SECONDS_END = 19; // "2026-11-01T10:05:00"
    private static final Pattern CONTRACT_FORM = Pattern.compile(TimestampFormat.PATTERN);

    private IsoInstants() {
    }

    /**
     * The instant of a timestamp written in the event contract's form ({@link TimestampFormat},
     * docs/events.md), or null when {@code text} is not one. The fast path's form is a part of it.
     */
    public static Instant ofContractForm(String text) {
        Instant fast = fastPath(text);
        if (fast != null) {
            return fast;
        }
        if (!CONTRACT_FORM.matcher(text).find()) {
            return null;
        }
        try {
            return parse(text); // in the form, the JDK tells only whether the day exists and the offset is one
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** @throws java.time.format.DateTimeParseException as {@link Instant#parse} does */
    public static Instant parse(String text) {
        Instant fast = fastPath(text);
        return fast != null ? fast : Instant.parse(text);
    }

    /** The instant, or null when {@code text} is not of the plain UTC form with every field in range. */
    private static Instant fastPath(String text) {
        int n = text.length();
        if (n < SECONDS_END + 1 || text.charAt(n - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > SECONDS_END + 1) {
            int fractionDigits = n - SECONDS_END - 2;
            if (text.charAt(SECONDS_END) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            nanos = digits(text, SECONDS_END + 1, n - 1);
            if (nanos < 0) {
                return null;
            }
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null; // e.g. 2026-02-30: the JDK says why
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number in {@code text[from, to)}, or -1 when a character is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
