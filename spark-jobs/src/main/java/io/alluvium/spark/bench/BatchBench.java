package io.alluvium.spark.bench;

import io.alluvium.domain.Layer;
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
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code alluvium bench batch}: how long Alluvium's Silver + Gold build takes against one hand-written
 * Spark SQL script doing the same work on the same Bronze (target: at most 1.2 times the script).
 *
 * <p>Alluvium's build is {@code batch all} itself ({@link BatchRun}), run on a scratch lake
 * ({@code bench_silver}, {@code bench_quarantine}, {@code bench_gold}); the script ({@link HandWrittenSql})
 * writes to {@code bench_sql_*}. Both read the Bronze snapshots pinned when the bench starts. They run
 * alternately (A B A B ...: JIT warm-up and a busy machine hit both alike), each on empty namespaces, and
 * the best time of each counts. After every run the counts of both builds are compared
 * ({@link BuildCounts}): a faster script that computes something else would be no baseline.
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
    public record Result(String bench, long bronzeRows, List<Measure> measures, List<Comparison> comparisons) {
    }

    record Measure(String name, double seconds, double rowsPerS) {
    }

    record Comparison(String metric, double ratio, String target, boolean met) {
    }

    private final SparkSession spark;
    private final LakeTables alluvium;
    private final LakeTables handWritten;

    public BatchBench(SparkSession spark) {
        this.spark = spark;
        this.alluvium = LakeTables.scratch(spark, "bench_");
        this.handWritten = LakeTables.scratch(spark, "bench_sql_");
    }

    public Result run(int rounds, ProgressListener progress) {
        BronzeSnapshots bronze = BronzeSnapshots.current(new LakeTables(spark));
        HandWrittenSql script = HandWrittenSql.forLake(handWritten, bronze);
        drop(alluvium);
        drop(handWritten);
        double bestAlluvium = Double.MAX_VALUE;
        double bestScript = Double.MAX_VALUE;
        boolean sameCounts = true;
        try {
            for (int round = 1; round <= rounds; round++) {
                String of = " (round " + round + " of " + rounds + ")";
                progress.stage(ALLUVIUM + of, 2L * (round - 1), 2L * rounds);
                double alluviumSeconds = timeAlluvium(bronze);
                BuildCounts alluviumCounts = BuildCounts.of(spark, alluvium);
                drop(alluvium);

                progress.stage(HAND_WRITTEN + of, 2L * round - 1, 2L * rounds);
                long started = System.nanoTime();
                script.run(spark);
                double scriptSeconds = Seconds.since(started);
                BuildCounts scriptCounts = BuildCounts.of(spark, handWritten);
                drop(handWritten);

                Map<String, String> differences = alluviumCounts.differencesFrom(scriptCounts);
                if (!differences.isEmpty()) {
                    LOG.warn("bench batch round {}: the builds differ (alluvium vs hand-written): {}", round, differences);
                }
                LOG.info("bench batch round {}: alluvium {} s, hand-written {} s, counts {}", round, alluviumSeconds,
                        scriptSeconds, alluviumCounts.counts());
                bestAlluvium = Math.min(bestAlluvium, alluviumSeconds);
                bestScript = Math.min(bestScript, scriptSeconds);
                sameCounts &= differences.isEmpty();
            }
            progress.stage("bench batch", 2L * rounds, 2L * rounds);
        } finally {
            drop(alluvium);
            drop(handWritten);
        }
        double ratio = bestAlluvium / bestScript;
        return new Result("batch", bronze.rows(),
                List.of(measure(ALLUVIUM, bestAlluvium, bronze), measure(HAND_WRITTEN, bestScript, bronze)),
                List.of(new Comparison("build time vs hand-written SQL", round(ratio), "<= " + TARGET_RATIO,
                                ratio <= TARGET_RATIO),
                        new Comparison("same silver/quarantine/gold counts", sameCounts ? 1.0 : 0.0, SAME_COUNTS_TARGET,
                                sameCounts)));
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

    /** Drops the tables of the lake's Silver, Quarantine and Gold namespaces, files included, then those. */
    private void drop(LakeTables lake) {
        for (Layer layer : List.of(Layer.SILVER, Layer.QUARANTINE, Layer.GOLD)) {
            String namespace = lake.namespace(layer);
            if (!spark.catalog().databaseExists(namespace)) {
                continue;
            }
            for (Row table : spark.sql("SHOW TABLES IN " + namespace).collectAsList()) {
                spark.sql("DROP TABLE IF EXISTS " + namespace + "." + table.getAs("tableName") + " PURGE");
            }
            spark.sql("DROP NAMESPACE IF EXISTS " + namespace);
        }
    }

    private static Measure measure(String name, double seconds, BronzeSnapshots bronze) {
        return new Measure(name, seconds, Math.round(bronze.rows() / seconds * 10) / 10.0);
    }

    private static double round(double ratio) {
        return Math.round(ratio * 1000) / 1000.0;
    }
}
