package io.alluvium.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Percentiles of recorded latencies: exact in microseconds when short, within 0.1% when long, never better. */
class LatencyHistogramTest {

    @Test
    void shortLatenciesAreExactToTheMicrosecond() {
        LatencyHistogram h = new LatencyHistogram();
        for (int micros = 1; micros <= 100; micros++) {
            h.record(micros * 1000L + 999);
        }
        assertThat(h.count()).isEqualTo(100);
        assertThat(h.percentile(0.50)).isEqualTo(Duration.ofNanos(50_000));
        assertThat(h.percentile(0.95)).isEqualTo(Duration.ofNanos(95_000));
        assertThat(h.percentile(0.99)).isEqualTo(Duration.ofNanos(99_000));
        assertThat(h.percentile(1.0)).isEqualTo(Duration.ofNanos(100_000));
    }

    @Test
    void longLatenciesAreWithinATenthOfAPercentAndNeverUnderstated() {
        for (long micros : new long[] {2048, 2049, 65_537, 1_234_567, 98_765_432_101L}) {
            LatencyHistogram h = new LatencyHistogram();
            h.record(micros * 1000);
            long reported = h.percentile(0.5).toNanos() / 1000;
            assertThat(reported).as("%d µs", micros).isGreaterThanOrEqualTo(micros)
                    .isLessThanOrEqualTo(micros + micros / 1000);
        }
    }

    @Test
    void mergedHistogramsCountEveryLookup() {
        LatencyHistogram fast = new LatencyHistogram();
        LatencyHistogram slow = new LatencyHistogram();
        for (int i = 0; i < 90; i++) {
            fast.record(10_000);
        }
        for (int i = 0; i < 10; i++) {
            slow.record(5_000_000);
        }
        fast.add(slow);
        assertThat(fast.count()).isEqualTo(100);
        assertThat(fast.percentile(0.90)).isEqualTo(Duration.ofNanos(10_000));
        assertThat(fast.percentile(0.91)).isBetween(Duration.ofNanos(5_000_000), Duration.ofNanos(5_005_000));
        assertThat(new LatencyHistogram().percentile(0.99)).isEqualTo(Duration.ZERO);
    }
}
