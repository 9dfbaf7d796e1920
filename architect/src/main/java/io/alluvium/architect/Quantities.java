package io.alluvium.architect;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quantities with units as a requirements file states them ("100 TB", "500 ms", "99.9%") and as the
 * report prints them. Exists so that a unit is never implied: a number without its unit is an error,
 * and sizes are decimal (1 KB = 1,000 B), the way AWS bills them per GB.
 */
final class Quantities {
    static final double KB = 1e3;
    static final double MB = 1e6;
    static final double GB = 1e9;
    static final double TB = 1e12;
    static final double SECONDS_PER_HOUR = 3_600;
    static final double SECONDS_PER_DAY = 86_400;
    static final double DAYS_PER_MONTH = 30;

    private static final Pattern QUANTITY = Pattern.compile("^\\s*(-?[0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z%]+)\\s*$");
    private static final Map<String, Double> SIZE_UNITS = Map.of(
            "b", 1.0, "kb", KB, "mb", MB, "gb", GB, "tb", TB, "pb", 1e15);
    private static final Map<String, Double> DURATION_UNITS = Map.of(
            "ms", 1e-3, "s", 1.0, "min", 60.0, "h", 3600.0, "d", SECONDS_PER_DAY, "w", 7 * SECONDS_PER_DAY,
            "y", 365 * SECONDS_PER_DAY);

    private Quantities() {
    }

    /** Bytes in a size such as "1.5 KB"; units B, KB, MB, GB, TB, PB (decimal). */
    static double bytes(String text) {
        return parse(text, SIZE_UNITS, "a size (units B, KB, MB, GB, TB, PB)");
    }

    /** Seconds in a duration such as "500 ms"; units ms, s, min, h, d, w, y. */
    static double seconds(String text) {
        return parse(text, DURATION_UNITS, "a duration (units ms, s, min, h, d, w, y)");
    }

    /** The number in a percentage such as "99.9%". */
    static double percent(String text) {
        return parse(text, Map.of("%", 1.0), "a percentage such as 99.9%");
    }

    private static double parse(String text, Map<String, Double> units, String expected) {
        Matcher m = QUANTITY.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not " + expected);
        }
        Double factor = units.get(m.group(2).toLowerCase(Locale.ROOT));
        if (factor == null) {
            throw new IllegalArgumentException("unit \"" + m.group(2) + "\" in \"" + text + "\" is wrong: expected " + expected);
        }
        double value = Double.parseDouble(m.group(1));
        if (value < 0) {
            throw new IllegalArgumentException("\"" + text + "\" is negative");
        }
        return value * factor;
    }

    /**
     * What one of {@code unit} is in bytes when it is a size, a rate or a period of one ("GB", "MB/s", "GB-month",
     * "TB scanned": its first word before any "/" or "-"), else 1: how {@link Formula} operands, {@link Estimate}
     * figures and {@link CostLine} quantities in such units are held.
     */
    static double unitScale(String unit) {
        String first = unit.strip().split("[ /-]", 2)[0];
        return SIZE_UNITS.getOrDefault(first.toLowerCase(Locale.ROOT), 1.0);
    }

    static String size(double bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};
        int i = 0;
        double v = bytes;
        while (Math.abs(v) >= 1000 && i < units.length - 1) {
            v /= 1000;
            i++;
        }
        return number(v) + " " + units[i];
    }

    static String duration(double seconds) {
        if (seconds < 1) {
            return number(seconds * 1000) + " ms";
        }
        if (seconds < 120) {
            return number(seconds) + " s";
        }
        if (seconds < 2 * 3600) {
            return number(seconds / 60) + " min";
        }
        if (seconds < 2 * SECONDS_PER_DAY) {
            return number(seconds / 3600) + " h";
        }
        return number(seconds / SECONDS_PER_DAY) + " d";
    }

    /** A number with thousands separators: no decimals from 100, then 1, 2 or 4 as it gets smaller. */
    static String number(double v) {
        double a = Math.abs(v);
        if (a != 0 && a < 0.001) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        int decimals = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 4;
        String plain = java.math.BigDecimal.valueOf(v).setScale(decimals, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        int dot = plain.indexOf('.');
        String integer = dot < 0 ? plain : plain.substring(0, dot);
        StringBuilder out = new StringBuilder();
        int digits = integer.startsWith("-") ? integer.length() - 1 : integer.length();
        for (int i = 0; i < integer.length(); i++) {
            char c = integer.charAt(i);
            out.append(c);
            int remaining = integer.length() - 1 - i;
            if (c != '-' && remaining > 0 && remaining % 3 == 0 && digits > 3) {
                out.append(',');
            }
        }
        return dot < 0 ? out.toString() : out + plain.substring(dot);
    }

    /**
     * A percentage with every decimal it was stated with (up to 4), never rounded up to a whole number:
     * 99.95% must not print as 100%, which no design can promise.
     */
    static String percentage(double v) {
        return java.math.BigDecimal.valueOf(v).setScale(4, java.math.RoundingMode.DOWN).stripTrailingZeros().toPlainString() + "%";
    }

    static String usd(double v) {
        return (v < 0 ? "-" : "") + String.format(Locale.ROOT, "$%,.2f", Math.abs(v));
    }

    static String usdPrice(double v) {
        return "$" + (v >= 0.01 ? String.format(Locale.ROOT, "%,.4f", v).replaceAll("0{1,2}$", "")
                : String.format(Locale.ROOT, "%.8f", v).replaceAll("0+$", ""));
    }
}
