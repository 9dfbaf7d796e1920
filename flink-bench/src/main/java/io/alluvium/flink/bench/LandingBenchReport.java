package io.alluvium.flink.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The landing bench's result line: per contender its best round (rows/s, MB/s, seconds over its working
 * time, with the whole-run figures and every round beside them), the job's commit latency over all its
 * rounds, the comparisons against the targets, notes on how it was measured, and the figures the
 * architect calibrates from. MB are 2^20 bytes, as Kafka's tools and the CLI count them; every contender's
 * MB/s is over the same bytes (keys and values of the records, as the read ceiling counted them).
 */
final class LandingBenchReport {
    static final String FLINK = "flink landing job";
    static final String CEILING = "plain KafkaConsumer (read ceiling)";
    static final String PLAIN = "plain-Java Iceberg writer";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double MB = 1024.0 * 1024.0;
    /** Slack the issue allows over the checkpoint interval for a commit to be visible. */
    private static final Duration COMMIT_SLACK = Duration.ofSeconds(2);

    private final long records;
    private final long bytes;
    private final Duration checkpointInterval;
    private final int parallelism;

    /**
     * @param records the records of the range, as the read ceiling counted them
     * @param bytes   their keys and values
     */
    LandingBenchReport(long records, long bytes, Duration checkpointInterval, int parallelism) {
        this.records = records;
        this.bytes = bytes;
        this.checkpointInterval = checkpointInterval;
        this.parallelism = parallelism;
    }

    String toJson(List<ContenderRun> flink, List<ContenderRun> ceiling, List<ContenderRun> plain) {
        ContenderRun bestFlink = best(flink);
        ContenderRun bestCeiling = best(ceiling);
        ContenderRun bestPlain = best(plain);
        List<Long> latencies = flink.stream().flatMap(r -> r.commitLatenciesMs().stream()).sorted().toList();
        long p50 = latencies.get((latencies.size() - 1) / 2);
        long max = latencies.get(latencies.size() - 1);
        boolean sameRows = Stream.of(flink, ceiling, plain).flatMap(List::stream).allMatch(r -> r.rows() == records);

        ObjectNode root = JSON.createObjectNode();
        root.put("bench", "landing");
        root.put("records", records);
        root.put("bytes", bytes);
        ArrayNode measures = root.putArray("measures");
        ObjectNode job = measure(measures, FLINK, bestFlink, flink);
        job.put("commit_latency_p50_ms", p50);
        job.put("commit_latency_max_ms", max);
        job.put("commits_timed", latencies.size());
        measure(measures, CEILING, bestCeiling, ceiling);
        measure(measures, PLAIN, bestPlain, plain);

        ArrayNode comparisons = root.putArray("comparisons");
        BenchComparisons.add(comparisons, "landing vs read ceiling", bestFlink.rowsPerSecond() / bestCeiling.rowsPerSecond(),
                ">= 0.25", 0.25, true);
        BenchComparisons.add(comparisons, "landing vs plain-Java writer", bestFlink.rowsPerSecond() / bestPlain.rowsPerSecond(),
                ">= 1.0", 1.0, true);
        BenchComparisons.add(comparisons, "commit latency max vs checkpoint interval + 2 s",
                max / (double) checkpointInterval.plus(COMMIT_SLACK).toMillis(), "<= 1.0", 1.0, false);
        // ratio 1 or 0: ">= 1" is "= 1", written so that the CLI's comparison reader takes it
        BenchComparisons.add(comparisons, "same rows in all three", sameRows ? 1.0 : 0.0, ">= 1.0", 1.0, true);

        ArrayNode notes = root.putArray("notes");
        notes.add(String.format(Locale.ROOT, "best of %d rounds each, run alternately (a b c, a b c); rows/s over "
                + "the working time: first record read to last record read (read ceiling) or to the commit "
                + "that made the last row visible (writers); the ratios use these", flink.size()));
        notes.add(String.format(Locale.ROOT, "flink landing job whole run %.1f s (%,.0f rows/s): MiniCluster "
                + "start, job submission, waiting to see the last commit, final savepoint; left out of the "
                + "ratios because a landing job starts once and then runs on, so its start is no per-record cost",
                bestFlink.wholeSeconds(), bestFlink.rows() / bestFlink.wholeSeconds()));
        notes.add(String.format(Locale.ROOT, "commit latency: checkpoint trigger (Flink's checkpoint span) to the "
                + "Iceberg snapshot that commits it, over %d commits of all rounds; checkpoint interval %d ms",
                latencies.size(), checkpointInterval.toMillis()));
        notes.add("both writers commit once per checkpoint interval, the last time at the end of the interval "
                + "in which they read their last record, so their working time includes that wait; "
                + "reading_seconds is first to last record read, without it");
        ObjectNode calibration = root.putObject("calibration");
        calibration.put("flink_landing_rows_per_s", Math.round(bestFlink.rowsPerSecond()));
        calibration.put("flink_parallelism", parallelism);
        return root.toString();
    }

    private static ContenderRun best(List<ContenderRun> rounds) {
        return rounds.stream().max(Comparator.comparingDouble(ContenderRun::rowsPerSecond)).orElseThrow();
    }

    private ObjectNode measure(ArrayNode measures, String name, ContenderRun best, List<ContenderRun> rounds) {
        ObjectNode m = measures.addObject();
        m.put("name", name);
        m.put("rows_per_s", round(best.rowsPerSecond(), 1));
        // the same figure under the name the CLI's bench table reads
        m.put("records_per_s", round(best.rowsPerSecond(), 1));
        m.put("mb_per_s", round(bytes / MB / best.seconds(), 100));
        m.put("seconds", round(best.seconds(), 1000));
        m.put("rows", best.rows());
        m.put("reading_seconds", round(best.readingSeconds(), 1000));
        m.put("whole_run_seconds", round(best.wholeSeconds(), 1000));
        m.put("whole_run_rows_per_s", round(best.rows() / best.wholeSeconds(), 1));
        ArrayNode each = m.putArray("rounds_rows_per_s");
        rounds.forEach(r -> each.add(round(r.rowsPerSecond(), 1)));
        return m;
    }

    private static double round(double value, int scale) {
        return Math.round(value * scale) / (double) scale;
    }
}
