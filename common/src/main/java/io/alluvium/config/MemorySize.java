package io.alluvium.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A heap or buffer size written as the JVM writes it ({@code 512m}, {@code 2g}), parsed once. */
public record MemorySize(long bytes) {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*([kmg]?)b?", Pattern.CASE_INSENSITIVE);

    public static MemorySize parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a size such as 512m or 2g, got \"" + text + "\"");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> new MemorySize(n << 10);
            case "m" -> new MemorySize(n << 20);
            case "g" -> new MemorySize(n << 30);
            default -> new MemorySize(n);
        };
    }

    /** The value for {@code -Xmx}, in whole mebibytes. */
    public String jvmFlag() {
        return Math.max(1, bytes >> 20) + "m";
    }

    @Override
    public String toString() {
        return jvmFlag();
    }
}
