package io.alluvium.generator;

/**
 * Holds sending to the target rate, with periodic bursts: in every 10 s cycle the first 2 s run at
 * rate × burst-factor (a flash sale, a retry storm), the rest at the rate. Rate 0 means no limit.
 */
final class Pacer {
    static final long CYCLE_NANOS = 10_000_000_000L;
    static final long BURST_NANOS = 2_000_000_000L;

    private final long rate;
    private final double burstFactor;

    Pacer(long rate, double burstFactor) {
        this.rate = rate;
        this.burstFactor = burstFactor;
    }

    /** How many records may have been sent {@code elapsedNanos} after the start. */
    long permitsAt(long elapsedNanos) {
        if (rate == 0) {
            return Long.MAX_VALUE;
        }
        long burstNanos = elapsedNanos / CYCLE_NANOS * BURST_NANOS + Math.min(elapsedNanos % CYCLE_NANOS, BURST_NANOS);
        double seconds = (elapsedNanos + (burstFactor - 1) * burstNanos) / 1e9;
        return (long) (rate * seconds);
    }

    /** Waits until the record after {@code sent} is allowed. */
    void await(long sent, long startNanos) throws InterruptedException {
        while (sent >= permitsAt(System.nanoTime() - startNanos)) {
            Thread.sleep(1);
        }
    }
}
