package io.alluvium.cli.doctor;

import java.util.Locale;

/** How the doctor's evidence writes sizes and durations, the same in every check. */
final class Units {
    private Units() {
    }

    static String size(long bytes) {
        return bytes >= 1L << 20 ? String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20))
                : String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
