package io.alluvium.flink.bench;

/**
 * The load's current event time, for stamping probes: a generator run spreads its events evenly over
 * its span of event time, so {@code elapsed / duration} of the way through the run, its stream is that
 * far through the span. Between runs it stays at the end of the last one.
 */
final class StreamClock {
    private volatile long startMillis;
    private volatile long spanMillis;
    private volatile long startNanos = System.nanoTime();
    private volatile long durationNanos = 1;

    void start(long startMillis, long spanMillis, long durationNanos) {
        this.startMillis = startMillis;
        this.spanMillis = spanMillis;
        this.durationNanos = Math.max(1, durationNanos);
        this.startNanos = System.nanoTime();
    }

    long now() {
        double through = Math.min(1.0, (System.nanoTime() - startNanos) / (double) durationNanos);
        return startMillis + (long) (spanMillis * through);
    }
}
