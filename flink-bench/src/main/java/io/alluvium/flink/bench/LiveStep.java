package io.alluvium.flink.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one step of the realtime bench's live phase measured: the load's target and achieved rate, the
 * freshness of the probes sent during it, the most records waiting (in the topics, not yet counted by
 * the job), how long after the load ended the job had counted every record sent, and, for a step cut short,
 * why it was overloaded ({@link OverloadWatch}), and the CPU its events cost the machine ({@link CpuMeter}).
 *
 * @param sent                   the events sent during the step
 * @param allCountedAfterSeconds empty when the bench stopped waiting for the job to count everything
 * @param cpu                    from the step's start until the job had counted every event: empty when it did
 *                               not, or where the machine's CPU cannot be read
 */
record LiveStep(String name, long targetRate, long sent, double seconds, List<Long> freshnessMillis,
                long maxBacklog, OptionalDouble allCountedAfterSeconds, Optional<OverloadWatch.Overload> overload,
                Optional<CpuMeter.Use> cpu) {

    static final long FRESH_MILLIS = 1000;

    LiveStep {
        freshnessMillis = freshnessMillis.stream().sorted().toList();
    }

    double achievedRate() {
        return sent / seconds;
    }

    long percentile(double p) {
        if (freshnessMillis.isEmpty()) {
            return Long.MAX_VALUE;
        }
        int rank = (int) Math.ceil(p / 100.0 * freshnessMillis.size());
        return freshnessMillis.get(Math.max(0, rank - 1));
    }

    /** Freshness p99 within a second, and not overloaded. */
    boolean sustained() {
        return overload.isEmpty() && !freshnessMillis.isEmpty() && percentile(99) <= FRESH_MILLIS;
    }

    /** The name as the report shows it: an overloaded step says so. */
    String shownName() {
        return overload.isPresent() ? name + ": OVERLOADED" : name;
    }

    String summary() {
        String counted = allCountedAfterSeconds.isPresent()
                ? String.format(Locale.ROOT, "all counted %.1f s after the load ended", allCountedAfterSeconds.getAsDouble())
                : "not all counted when the bench stopped waiting";
        return String.format(Locale.ROOT, "%s: %starget %,d events/s, achieved %,.0f/s over %.1f s; freshness p50 %s, "
                + "p95 %s, p99 %s (%d probes); most records waiting %,d; %s", name,
                overload.map(o -> "OVERLOADED (" + o.reason() + "); ").orElse(""), targetRate, achievedRate(),
                seconds, millis(percentile(50)), millis(percentile(95)), millis(percentile(99)),
                freshnessMillis.size(), maxBacklog, counted) + cpu.map(this::cpuSummary).orElse("");
    }

    private String cpuSummary(CpuMeter.Use use) {
        return String.format(Locale.ROOT, "; CPU until all counted: %.2f of %d cores busy, %.0f µs per event (this JVM: "
                + "the job, the sender, their GC, %.0f µs; the other processes: the broker, redis-server, %.0f µs): at "
                + "that cost the %d cores carry at most %,.0f events/s", use.busyCores(), use.cores(),
                use.machineMicrosPerEvent(sent), use.jvmMicrosPerEvent(sent),
                use.machineMicrosPerEvent(sent) - use.jvmMicrosPerEvent(sent), use.cores(), use.rateAtFullUse(sent));
    }

    private static String millis(long value) {
        return value == Long.MAX_VALUE ? "none seen" : value + " ms";
    }
}
