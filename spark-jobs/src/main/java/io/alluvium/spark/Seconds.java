package io.alluvium.spark;

/** Durations in the reports: seconds with two decimals. */
public final class Seconds {
    private Seconds() {
    }

    public static double since(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e7) / 100.0;
    }
}
