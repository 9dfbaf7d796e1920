package io.alluvium.serving;

import java.time.Duration;

/**
 * Latencies of a load test in bounded memory, whatever the number of lookups: exact to the microsecond below
 * 2,048 µs, then within 0.1% (1,024 buckets per power of two), as HdrHistogram does with three significant
 * digits. One per client thread, merged at the end.
 */
final class LatencyHistogram {
    private static final int EXACT = 2048;
    private static final int SUB_BUCKETS = 1024;
    /** The highest power of two a latency in µs can reach (a long of nanoseconds, divided by 1,000). */
    private static final int MAX_POWER = 63 - Long.numberOfLeadingZeros(Long.MAX_VALUE / 1000);
    /** Exact ones, then {@link #SUB_BUCKETS} for each power of two from 2^11 µs up to {@link #MAX_POWER}. */
    private static final int BUCKETS = EXACT + (MAX_POWER - 10) * SUB_BUCKETS;

    private final long[] counts = new long[BUCKETS];
    private long total;

    void record(long nanos) {
        counts[index(Math.max(0, nanos) / 1000)]++;
        total++;
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    long count() {
        return total;
    }

    /** The latency that {@code quantile} (0 to 1) of the lookups did not exceed; zero when nothing was recorded. */
    Duration percentile(double quantile) {
        if (total == 0) {
            return Duration.ZERO;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Duration.ofNanos(upperMicros(i) * 1000);
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond " + total);
    }

    private static int index(long micros) {
        if (micros < EXACT) {
            return (int) micros;
        }
        int power = 63 - Long.numberOfLeadingZeros(micros);
        int shift = power - 10;
        return EXACT + (power - 11) * SUB_BUCKETS + (int) ((micros >> shift) - SUB_BUCKETS);
    }

    /** The highest latency a bucket holds, so a percentile never reads better than measured. */
    private static long upperMicros(int index) {
        if (index < EXACT) {
            return index;
        }
        int power = (index - EXACT) / SUB_BUCKETS + 11;
        int shift = power - 10;
        long mantissa = (index - EXACT) % SUB_BUCKETS + SUB_BUCKETS;
        return ((mantissa + 1) << shift) - 1;
    }
}
