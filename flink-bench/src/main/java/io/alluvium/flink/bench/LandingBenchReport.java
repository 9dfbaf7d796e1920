package io.alluvium.flink.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.bench.RoundStatistics;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The landing bench's result line: per contender the medians of its rounds (rows/s with their spread, MB/s,
 * seconds over its working time, the whole-run figures beside them), the job's commit latency over all its
 * rounds, the comparisons of the medians against the targets, notes on how it was measured, and the figures
 * the architect calibrates from. MB are 2^20 bytes, as Kafka's tools and the CLI count them; every contender's
 * MB/s is over the same bytes (keys and values of the records, as the read ceiling counted them).
 */
final class LandingBenchReport {
    static final String FLINK = "flink landing job";
    static final String CEILING = "plain KafkaConsumer (read ceiling)";
    static final String PLAIN = "plain-Java Iceberg writer";
    static final double MB = 1024.0 * 1024.0;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Slack the targets allow over the checkpoint interval for a commit to be visible. */
    private static final Duration COMMIT_SLACK = Duration.ofSeconds(2);

    private final long records;
    private final long bytes;
    private final Duration checkpointInterval;
    private final int parallelism;
    private final boolean fixedRecords;

    /**
     * @param records      the records of the range, as the read ceiling counted them
     * @param bytes        their keys and values
     * @param fixedRecords whether the records were fixed by {@code --events} rather than sized for 10 s rounds
     */
    LandingBenchReport(long records, long bytes, Duration checkpointInterval, int parallelism, boolean fixedRecords) {
        this.records = records;
        this.bytes = bytes;
        this.checkpointInterval = checkpointInterval;
        this.parallelism = parallelism;
        this.fixedRecords = fixedRecords;
    }

    String toJson(List<ContenderRun> flink, List<ContenderRun> ceiling, List<ContenderRun> plain) {
        List<Long> latencies = flink.stream().flatMap(r -> r.commitLatenciesMs().stream()).sorted().toList();
        long p50 = latencies.get((latencies.size() - 1) / 2);
        long max = latencies.get(latencies.size() - 1);
        boolean sameRows = Stream.of(flink, ceiling, plain).flatMap(List::stream).allMatch(r -> r.rows() == records);

        ObjectNode root = JSON.createObjectNode();
        root.put("bench", "landing");
        root.put("records", records);
        root.put("bytes", bytes);
        root.put("workload", String.format(Locale.ROOT, "%,d records per round, %s", records,
                fixedRecords ? "fixed by --events" : "sized by a calibration round"));
        ArrayNode measures = root.putArray("measures");
        ObjectNode job = measure(measures, FLINK, flink);
        job.put("commit_latency_p50_ms", p50);
        job.put("commit_latency_max_ms", max);
        job.put("commits_timed", latencies.size());
        measure(measures, CEILING, ceiling).put("passes_per_round_median",
                median(ceiling, ContenderRun::passes));
        measure(measures, PLAIN, plain);

        double flinkRate = median(flink, ContenderRun::rowsPerSecond);
        ArrayNode comparisons = root.putArray("comparisons");
        BenchComparisons.add(comparisons, "landing vs read ceiling", flinkRate / median(ceiling,
                ContenderRun::rowsPerSecond), ">= 0.25", 0.25, true);
        BenchComparisons.add(comparisons, "landing vs plain-Java writer", flinkRate / median(plain,
                ContenderRun::rowsPerSecond), ">= 1.0", 1.0, true);
        BenchComparisons.add(comparisons, "commit latency max vs checkpoint interval + 2 s",
                max / (double) checkpointInterval.plus(COMMIT_SLACK).toMillis(), "<= 1.0", 1.0, false);
        // ratio 1 or 0: ">= 1" is "= 1", written so that the CLI's comparison reader takes it
        BenchComparisons.add(comparisons, "same rows in all three", sameRows ? 1.0 : 0.0, ">= 1.0", 1.0, true);

        ArrayNode notes = root.putArray("notes");
        notes.add(String.format(Locale.ROOT, "%d rounds each, alternating (a b c, a b c, ...); figures and ratios are "
                + "the medians of the rounds; rows/s over the working time: first record read to last record read "
                + "(read ceiling) or to the commit that made the last row visible (writers)", flink.size()));
        notes.add(fixedRecords ? "the records are what --events generated, one pass per round"
                : "the records were sized by an unmeasured calibration round of both writers, for "
                        + Math.round(RoundStatistics.MIN_ROUND_SECONDS) + " s of reading at the faster one's rate "
                        + "(× 1.5); the read ceiling reads them again until its round has lasted "
                        + Math.round(RoundStatistics.MIN_ROUND_SECONDS) + " s");
        notes.add(String.format(Locale.ROOT, "flink landing job whole run %.1f s (%,.0f rows/s; medians): MiniCluster "
                + "start, job submission, waiting to see the last commit, final savepoint; left out of the "
                + "ratios because a landing job starts once and then runs on, so its start is no per-record cost",
                median(flink, ContenderRun::wholeSeconds), median(flink, ContenderRun::wholeRowsPerSecond)));
        notes.add(String.format(Locale.ROOT, "commit latency: checkpoint trigger (Flink's checkpoint span) to the "
                + "Iceberg snapshot that commits it, over %d commits of all rounds; checkpoint interval %d ms",
                latencies.size(), checkpointInterval.toMillis()));
        notes.add("both writers commit once per checkpoint interval, the last time at the end of the interval "
                + "in which they read their last record, so their working time includes that wait; "
                + "reading_seconds is first to last record read, without it");
        ObjectNode calibration = root.putObject("calibration");
        calibration.put("flink_landing_rows_per_s", Math.round(flinkRate));
        calibration.put("flink_parallelism", parallelism);
        return root.toString();
    }

    private ObjectNode measure(ArrayNode measures, String name, List<ContenderRun> rounds) {
        RoundStatistics stats = new RoundStatistics(rounds.stream().map(ContenderRun::rowsPerSecond).toList(),
                rounds.stream().map(ContenderRun::seconds).toList());
        ObjectNode m = measures.addObject();
        m.put("name", name);
        m.put("rows_per_s", round(stats.median(), 10));
        // the same figure under the name the CLI's bench table reads
        m.put("records_per_s", round(stats.median(), 10));
        m.put("mb_per_s", round(median(rounds, r -> r.mbPerSecond(bytes)), 100));
        m.put("seconds", round(median(rounds, ContenderRun::seconds), 1000));
        m.put("rows", rounds.stream().mapToLong(ContenderRun::rows).min().orElseThrow());
        m.put("reading_seconds", round(median(rounds, ContenderRun::readingSeconds), 1000));
        m.put("whole_run_seconds", round(median(rounds, ContenderRun::wholeSeconds), 1000));
        m.put("whole_run_rows_per_s", round(median(rounds, ContenderRun::wholeRowsPerSecond), 10));
        m.set("rounds", JSON.valueToTree(stats.fields("records_per_s")));
        return m;
    }

    private static double median(List<ContenderRun> rounds, ToDoubleFunction<ContenderRun> figure) {
        return RoundStatistics.median(rounds.stream().map(r -> figure.applyAsDouble(r)).toList());
    }

    private static double round(double value, int scale) {
        return Math.round(value * scale) / (double) scale;
    }
}
