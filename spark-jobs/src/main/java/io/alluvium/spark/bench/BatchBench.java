package io.alluvium.spark.bench;

import io.alluvium.bench.AlternatingRounds;
import io.alluvium.bench.RoundLength;
import io.alluvium.bench.RoundStatistics;
import io.alluvium.domain.Topic;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import io.alluvium.spark.BatchRun;
import io.alluvium.spark.BronzeSnapshots;
import io.alluvium.spark.BuildCounts;
import io.alluvium.spark.LakeTables;
import io.alluvium.spark.ProgressListener;
import io.alluvium.spark.Seconds;
import io.alluvium.spark.SilverReport;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.SparkSession;

/**
 * {@code alluvium bench batch}: how long Alluvium's Silver + Gold build takes against one hand-written
 * Spark SQL script doing the same work on the same Bronze (target: at most 1.2 times the script).
 *
 * <p>Alluvium's build is {@code batch all} itself ({@link BatchRun}), run on a scratch lake
 * ({@code bench_silver}, {@code bench_quarantine}, {@code bench_gold}); the script ({@link HandWrittenSql})
 * writes to {@code bench_sql_*}. Both read the Bronze snapshots pinned when the bench starts. They run in
 * alternating rounds, the script first ({@link AlternatingRounds}: JIT warm-up and a busy machine hit both
 * alike), each build on empty namespaces; unless the work is fixed ({@code --events}, a test run), one unmeasured
 * build of each comes first and a round builds again until it has lasted 10 s (docs/benchmarks.md, "How the benches measure"), and the medians of
 * the rounds count. After every build the counts of both are compared ({@link BuildCounts}): a faster script
 * that computes something else would be no baseline.
 */
public final class BatchBench {
    static final String ALLUVIUM = "alluvium batch (silver+gold)";
    static final String HAND_WRITTEN = "hand-written Spark SQL";
    static final double TARGET_RATIO = 1.2;
    /**
     * The counts comparison is 1 (equal) or 0; its target reads {@code >= 1} because the CLI's bench report
     * accepts only {@code >=} and {@code <=} targets.
     */
    static final String SAME_COUNTS_TARGET = ">= 1";
    private static final Logger LOG = LogManager.getLogger(BatchBench.class);

    /** The result line, in the shape the CLI's bench report reads. */
    public record Result(String bench, long bronzeRows, String workload, List<Measure> measures,
                         List<Comparison> comparisons, List<String> notes) {
    }

    /**
     * A contender's medians: seconds per build, Bronze rows per second (also under the name the CLI's table
     * reads), the builds of each round and the statistics of its rounds.
     */
    record Measure(String name, double seconds, double rowsPerS, double recordsPerS, List<Integer> buildsPerRound,
                   Map<String, Object> rounds) {
    }

    record Comparison(String metric, double ratio, String target, boolean met) {
    }

    /** One build: how long it took and what it built. */
    private record Build(double seconds, BuildCounts counts) {
    }

    /** A contender's builds in one round. */
    private record BuildRound(List<Build> builds) {
        double seconds() {
            return builds.stream().mapToDouble(Build::seconds).sum();
        }

        double secondsPerBuild() {
            return seconds() / builds.size();
        }
    }

    private final SparkSession spark;
    private final LakeTables alluvium;
    private final LakeTables handWritten;

    public BatchBench(SparkSession spark) {
        this.spark = spark;
        this.alluvium = LakeTables.scratch(spark, "bench_");
        this.handWritten = LakeTables.scratch(spark, "bench_sql_");
    }

    /** @param fixedWork one build per round (a test run) rather than builds until the round has lasted 10 s */
    public Result run(int rounds, boolean fixedWork, ProgressListener progress) {
        BronzeSnapshots bronze = BronzeSnapshots.current(new LakeTables(spark));
        HandWrittenSql script = HandWrittenSql.forLake(handWritten, bronze);
        double minSeconds = fixedWork ? 0 : RoundStatistics.MIN_ROUND_SECONDS;
        alluvium.dropBuilt();
        handWritten.dropBuilt();
        Map<String, List<BuildRound>> results;
        try {
            if (!fixedWork) {
                warmUp(script, bronze, progress);
            }
            results = new AlternatingRounds<BuildRound, RuntimeException>(rounds)
                    .contender(HAND_WRITTEN, round -> new BuildRound(RoundLength.repeated(minSeconds, Build::seconds,
                            () -> build(handWritten, () -> timeScript(script)))))
                    .contender(ALLUVIUM, round -> new BuildRound(RoundLength.repeated(minSeconds, Build::seconds,
                            () -> build(alluvium, () -> timeAlluvium(bronze)))))
                    .run((round, all, contender) -> progress.stage(contender + " (round " + round + " of " + all + ")",
                            2L * (round - 1) + (contender.equals(HAND_WRITTEN) ? 0 : 1), 2L * all));
            progress.stage("bench batch", 2L * rounds, 2L * rounds);
        } finally {
            alluvium.dropBuilt();
            handWritten.dropBuilt();
        }
        boolean sameCounts = sameCounts(results.get(ALLUVIUM), results.get(HAND_WRITTEN));
        Measure ours = measure(ALLUVIUM, results.get(ALLUVIUM), bronze);
        Measure baseline = measure(HAND_WRITTEN, results.get(HAND_WRITTEN), bronze);
        double ratio = ours.seconds() / baseline.seconds();
        return new Result("batch", bronze.rows(), String.format(Locale.ROOT, "%,d Bronze rows per build, %s",
                bronze.rows(), fixedWork ? "one build per round (--events)" : "builds until a round lasts 10 s"),
                List.of(ours, baseline),
                List.of(new Comparison("build time vs hand-written SQL", round(ratio), "<= " + TARGET_RATIO,
                                ratio <= TARGET_RATIO),
                        new Comparison("same silver/quarantine/gold counts", sameCounts ? 1.0 : 0.0, SAME_COUNTS_TARGET,
                                sameCounts)),
                List.of((fixedWork ? "" : "after one unmeasured build of each, ") + rounds
                        + " rounds each, alternating (hand-written, alluvium, hand-written, ...), each build on "
                        + "empty namespaces; figures and the ratio are the medians of the rounds (seconds per build); "
                        + (fixedWork ? "one build per round" : "a round builds again until it has lasted "
                                + Math.round(RoundStatistics.MIN_ROUND_SECONDS) + " s")));
    }

    /**
     * One unmeasured build of each, the script first: the first build in a fresh JVM took twice as long as the next
     * ones (JIT, Spark's and Iceberg's first use), which put a cold build in the script's first round only.
     */
    private void warmUp(HandWrittenSql script, BronzeSnapshots bronze, ProgressListener progress) {
        progress.stage("warming up: one unmeasured build of each", 0, 2);
        build(handWritten, () -> timeScript(script));
        progress.stage("warming up: one unmeasured build of each", 1, 2);
        build(alluvium, () -> timeAlluvium(bronze));
    }

    /** One build into {@code lake}, timed by {@code timed}; its counts are taken, then the lake dropped. */
    private Build build(LakeTables lake, DoubleSupplier timed) {
        double seconds = timed.getAsDouble();
        BuildCounts counts = BuildCounts.of(spark, lake);
        lake.dropBuilt();
        return new Build(seconds, counts);
    }

    /** Every build of Alluvium's against the script's build of the same round; differences are logged. */
    private static boolean sameCounts(List<BuildRound> ours, List<BuildRound> script) {
        boolean same = true;
        for (int round = 0; round < ours.size(); round++) {
            BuildCounts theirs = script.get(round).builds().get(0).counts();
            for (Build build : ours.get(round).builds()) {
                Map<String, String> differences = build.counts().differencesFrom(theirs);
                if (!differences.isEmpty()) {
                    LOG.warn("bench batch round {}: the builds differ (alluvium vs hand-written): {}", round + 1,
                            differences);
                }
                same &= differences.isEmpty();
            }
            LOG.info("bench batch round {}: alluvium {} s per build, hand-written {} s per build, counts {}", round + 1,
                    ours.get(round).secondsPerBuild(), script.get(round).secondsPerBuild(), theirs.counts());
        }
        return same;
    }

    /** The hand-written script on its scratch lake. */
    private double timeScript(HandWrittenSql script) {
        long started = System.nanoTime();
        script.run(spark);
        return Seconds.since(started);
    }

    /** {@code batch all} on the scratch lake; it must have read exactly the pinned Bronze. */
    private double timeAlluvium(BronzeSnapshots bronze) {
        BatchRun.Result result = BatchRun.parse("all", List.of()).run(spark, alluvium, ProgressListener.NONE);
        for (SilverReport r : result.silver()) {
            Long read = r.bronzeSnapshotTo();
            if (!bronze.ids().get(Topic.fromName(r.topic())).equals(read)) {
                throw new BadInputException("bronze." + r.topic() + " changed during the bench (snapshot "
                        + bronze.ids().get(Topic.fromName(r.topic())) + " became " + read
                        + "): a landing job is still appending to Bronze; stop it and rerun the bench");
            }
        }
        return result.seconds();
    }

    private static Measure measure(String name, List<BuildRound> rounds, BronzeSnapshots bronze) {
        RoundStatistics stats = new RoundStatistics(
                rounds.stream().map(r -> bronze.rows() * r.builds().size() / r.seconds()).toList(),
                rounds.stream().map(BuildRound::seconds).toList());
        double rowsPerS = Math.round(stats.median() * 10) / 10.0;
        return new Measure(name, RoundStatistics.median(rounds.stream().map(BuildRound::secondsPerBuild).toList()),
                rowsPerS, rowsPerS, rounds.stream().map(r -> r.builds().size()).toList(), stats.fields("records_per_s"));
    }

    private static double round(double ratio) {
        return Math.round(ratio * 1000) / 1000.0;
    }
}
