package io.alluvium.spark.bench;

import io.alluvium.bench.AlternatingRounds;
import io.alluvium.bench.RoundLength;
import io.alluvium.bench.RoundStatistics;
import io.alluvium.spark.ProgressListener;
import io.alluvium.spark.Seconds;
import io.alluvium.spark.StageTaskTimes;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code alluvium bench skew}: what salting the hot key does to a join by it, on the same Silver (docs/doctor.md,
 * "Skew"; docs/benchmarks.md). The query is a feature join: every click of {@code silver.clickstream} with its user's
 * order totals (a table the bench writes first, as a user profile table would be), by {@code user_id}: at
 * {@code generator.zipf-exponent} 2.0 one user has 61 % of the clicks, so one task of the join joins them. Salted,
 * each click draws one of {@link #SALTS} salts from its event_id and each user's row is copied once per salt: the
 * join key becomes (user_id, salt) and the hot user's clicks spread over the tasks. Gold's own queries aggregate per
 * user before they join and need no salt (their stages' ratios are in docs/doctor.md).
 *
 * <p>Both run as sort-merge joins (broadcast off: at scale the per-user side outgrows the broadcast threshold) with
 * AQE's partition coalescing off, so that the join stage keeps {@code spark.shuffle-partitions} tasks and its
 * slowest/median task ratio shows the hot partition rather than how partitions were merged. Each pass records the
 * join stage's task times ({@link StageTaskTimes}); rounds alternate, plain first, and the figures are the medians of
 * the rounds. Both must give the same rows (count and checksum).
 */
public final class SkewBench {
    static final String PLAIN = "join by user_id";
    static final String SALTED = "join by (user_id, salt)";
    /** Salts per key: 4 per task at the default 4 shuffle partitions, so hash collisions still leave each task some. */
    static final int SALTS = 16;
    static final String NAMESPACE = "bench_skew";
    /** The per-user side, written before the rounds. */
    static final String USER_TOTALS = NAMESPACE + ".user_totals";
    private static final String COLUMNS = "c.event_id, c.user_id, c.event_type, u.orders, u.spend";
    private static final String CHECKSUM = "SELECT count(*), sum(CAST(xxhash64(event_id, user_id, event_type, orders,"
            + " spend) AS decimal(38, 0))) FROM (%s)";
    /** The session settings the bench sets, restored afterwards. */
    private static final Map<String, String> JOIN_SETTINGS = Map.of("spark.sql.adaptive.enabled", "true",
            "spark.sql.autoBroadcastJoinThreshold", "-1", "spark.sql.adaptive.coalescePartitions.enabled", "false");

    /** The result line, in the shape the CLI's bench report reads. */
    public record Result(String bench, String workload, List<Measure> measures, List<Comparison> comparisons,
                         List<String> notes) {
    }

    /**
     * A contender's medians: seconds per join, clicks joined per second, the join stage's slowest/median task time
     * and its tasks, passes per round, the statistics of its rounds.
     */
    public record Measure(String name, double seconds, double recordsPerS, double joinStageMaxOverMedian,
                          int joinStageTasks, List<Integer> passesPerRound, Map<String, Object> rounds) {
    }

    public record Comparison(String metric, double ratio, String target, boolean met) {
    }

    /** One join: how long it took and its join stage (the job's last stage, which joins and writes). */
    private record Pass(double seconds, StageTaskTimes.Stage joinStage) {
    }

    private final SparkSession spark;
    private final String clicks;
    private final String orders;

    /** @param clicks, orders the Silver tables (or tables with their columns) the join reads */
    public SkewBench(SparkSession spark, String clicks, String orders) {
        this.spark = spark;
        this.clicks = clicks;
        this.orders = orders;
    }

    static String plain(String clicks) {
        return "SELECT " + COLUMNS + " FROM " + clicks + " c JOIN " + USER_TOTALS + " u ON c.user_id = u.user_id";
    }

    static String salted(String clicks) {
        return "SELECT " + COLUMNS + " FROM (SELECT *, pmod(xxhash64(event_id), " + SALTS + ") AS salt FROM " + clicks
                + ") c JOIN (SELECT * FROM " + USER_TOTALS + " LATERAL VIEW explode(sequence(0, " + (SALTS - 1)
                + ")) s AS salt) u ON c.user_id = u.user_id AND c.salt = u.salt";
    }

    /** @param fixedWork one join per round (a test run) rather than joins until the round has lasted 10 s */
    public Result run(int rounds, boolean fixedWork, ProgressListener progress) {
        double minSeconds = fixedWork ? 0 : RoundStatistics.MIN_ROUND_SECONDS;
        Map<String, String> before = new HashMap<>();
        JOIN_SETTINGS.keySet().forEach(k -> before.put(k, spark.conf().get(k)));
        JOIN_SETTINGS.forEach(spark.conf()::set);
        spark.sql("CREATE NAMESPACE IF NOT EXISTS " + NAMESPACE);
        spark.sql("CREATE OR REPLACE TABLE " + USER_TOTALS + " USING iceberg AS SELECT user_id, count(*) AS orders,"
                + " sum(amount) AS spend FROM " + orders + " GROUP BY user_id");
        try {
            Map<String, List<List<Pass>>> passes = new AlternatingRounds<List<Pass>, RuntimeException>(rounds)
                    .contender(PLAIN, round -> RoundLength.repeated(minSeconds, Pass::seconds,
                            () -> pass(plain(clicks))))
                    .contender(SALTED, round -> RoundLength.repeated(minSeconds, Pass::seconds,
                            () -> pass(salted(clicks))))
                    .run((round, all, contender) -> progress.stage(contender + " (round " + round + " of " + all + ")",
                            2L * (round - 1) + (contender.equals(PLAIN) ? 0 : 1), 2L * all));
            progress.stage("bench skew", 2L * rounds, 2L * rounds);
            return result(passes, rounds, fixedWork);
        } finally {
            before.forEach(spark.conf()::set);
            spark.sql("DROP TABLE IF EXISTS " + USER_TOTALS + " PURGE");
            spark.sql("DROP NAMESPACE IF EXISTS " + NAMESPACE);
        }
    }

    private Result result(Map<String, List<List<Pass>>> passes, int rounds, boolean fixedWork) {
        Row plain = spark.sql(String.format(CHECKSUM, plain(clicks))).first();
        boolean sameRows = plain.equals(spark.sql(String.format(CHECKSUM, salted(clicks))).first());
        long joined = plain.getLong(0);
        Measure baseline = measure(PLAIN, passes.get(PLAIN), joined);
        Measure fixed = measure(SALTED, passes.get(SALTED), joined);
        double skew = fixed.joinStageMaxOverMedian() / baseline.joinStageMaxOverMedian();
        double time = fixed.seconds() / baseline.seconds();
        return new Result("skew", String.format(Locale.ROOT, "%,d clicks joined with their user's order totals; %s",
                        joined, fixedWork ? "one join per round (--events)" : "joins until a round lasts 10 s"),
                List.of(fixed, baseline),
                List.of(new Comparison("join stage slowest/median task: salted / plain", round(skew), "<= 1",
                                skew <= 1),
                        new Comparison("join time: salted / plain", round(time), "<= 1", time <= 1),
                        new Comparison("same rows (count and checksum)", sameRows ? 1.0 : 0.0, ">= 1", sameRows)),
                List.of(String.format(Locale.ROOT, "join stage slowest/median task: plain %.2f, salted %.2f (%d and"
                                + " %d tasks)", baseline.joinStageMaxOverMedian(), fixed.joinStageMaxOverMedian(),
                                baseline.joinStageTasks(), fixed.joinStageTasks()),
                        rounds + " rounds, alternating (plain, then salted); figures are the medians of the rounds; "
                                + SALTS + " salts; sort-merge joins, AQE partition coalescing off in both"));
    }

    private Pass pass(String query) {
        StageTaskTimes times = StageTaskTimes.attach(spark);
        try {
            long started = System.nanoTime();
            spark.sql(query).write().format("noop").mode("overwrite").save();
            double seconds = Seconds.since(started);
            List<StageTaskTimes.Stage> stages = times.stages();
            return new Pass(seconds, stages.get(stages.size() - 1));
        } finally {
            times.detach();
        }
    }

    private static Measure measure(String name, List<List<Pass>> rounds, long joined) {
        List<Double> secondsPerPass = rounds.stream()
                .map(r -> r.stream().mapToDouble(Pass::seconds).sum() / r.size()).toList();
        RoundStatistics stats = new RoundStatistics(secondsPerPass.stream().map(s -> joined / s).toList(),
                rounds.stream().map(r -> r.stream().mapToDouble(Pass::seconds).sum()).toList());
        return new Measure(name, round(RoundStatistics.median(secondsPerPass)), Math.round(stats.median() * 10) / 10.0,
                round(medianOfRounds(rounds, p -> p.joinStage().maxOverMedian())),
                (int) Math.round(medianOfRounds(rounds, p -> p.joinStage().tasks())),
                rounds.stream().map(List::size).toList(), stats.fields("records_per_s"));
    }

    /** The median over the rounds of each round's median of {@code figure}. */
    private static double medianOfRounds(List<List<Pass>> rounds, java.util.function.ToDoubleFunction<Pass> figure) {
        return RoundStatistics.median(rounds.stream().map(r -> RoundStatistics.median(
                r.stream().map(p -> figure.applyAsDouble(p)).toList())).toList());
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
