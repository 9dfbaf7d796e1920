package io.alluvium.flink.bench;

import java.util.List;
import java.util.Locale;

/**
 * What one step of the realtime bench's live phase measured: the load's target and achieved rate, the
 * freshness of the probes sent during it, the most records waiting (in the topics, not yet counted by
 * the job) and how long after the load ended the job had counted every record sent.
 */
record LiveStep(String name, long targetRate, double achievedRate, double seconds, List<Long> freshnessMillis,
                long maxBacklog, double catchUpSeconds) {

    LiveStep {
        freshnessMillis = freshnessMillis.stream().sorted().toList();
    }

    long percentile(double p) {
        if (freshnessMillis.isEmpty()) {
            return Long.MAX_VALUE;
        }
        int rank = (int) Math.ceil(p / 100.0 * freshnessMillis.size());
        return freshnessMillis.get(Math.max(0, rank - 1));
    }

    boolean freshWithinOneSecond() {
        return !freshnessMillis.isEmpty() && percentile(99) <= 1000;
    }

    String summary() {
        return String.format(Locale.ROOT, "%s: target %,d events/s, achieved %,.0f/s over %.1f s; freshness p50 %d ms, "
                + "p95 %d ms, p99 %d ms (%d probes); most records waiting %,d; all counted %.1f s after the load ended",
                name, targetRate, achievedRate, seconds, percentile(50), percentile(95), percentile(99),
                freshnessMillis.size(), maxBacklog, catchUpSeconds);
    }
}
