package io.alluvium.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.spark.sql.functions.col;

import io.alluvium.doctor.Finding;
import io.alluvium.runtime.DataDir;
import io.alluvium.spark.doctor.SkewChecks;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The doctor's skew checks on real Spark and Iceberg (docs/doctor.md, "Skew"): a Silver table where 61 % of the rows
 * are one city's and one user's is flagged for both, with the key, its share and an even spread's; an evenly spread
 * one is not. A real Spark job whose stage hashes one hot key's rows into one task, recorded by {@link StageTaskTimes}
 * and saved as the last batch run, is flagged with that stage's numbers; the same work evenly spread is not.
 */
class SkewChecksTest {
    private static final long ROWS = 20_000;
    private static final int TASKS = 8;

    private static SparkSession spark;
    private static LakeTables lake;

    @BeforeAll
    static void silverTables() {
        spark = TestLake.spark();
        ZipfSilver.register(spark, ROWS);
        lake = LakeTables.scratch(spark, "skew_");
        spark.sql("CREATE NAMESPACE IF NOT EXISTS skew_silver");
        spark.sql("CREATE TABLE skew_silver.orders USING iceberg AS SELECT event_id, user_id, city FROM silver_orders");
        spark.sql("CREATE TABLE skew_silver.clickstream USING iceberg AS SELECT concat('ck-', id) AS event_id,"
                + " concat('u-', id % 500) AS user_id, concat('city-', id % 40) AS city FROM range(" + ROWS + ")");
    }

    @AfterAll
    static void drop() {
        spark.sql("DROP TABLE IF EXISTS skew_silver.orders PURGE");
        spark.sql("DROP TABLE IF EXISTS skew_silver.clickstream PURGE");
        spark.sql("DROP NAMESPACE IF EXISTS skew_silver");
        ZipfSilver.drop(spark);
    }

    @Test
    void aSilverTableWithAHotCityAndUserIsFlaggedAndAnEvenOneIsNot() throws Exception {
        long rows = spark.table("skew_silver.orders").count();
        List<Finding> found = new SkewChecks(spark, lake, emptyDataDir()).check();

        assertThat(found).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.INFO);
            assertThat(f.check()).isEqualTo("key-skew");
            assertThat(f.subject()).isEqualTo("silver.orders");
            assertThat(f.threshold()).isEqualTo(">= 50.0% of the rows on one key, in tables of >= 1,000 rows");
            assertThat(f.fix()).contains("salt");
        });
        assertThat(found).extracting(Finding::evidence).containsExactlyInAnyOrder(
                evidence("city", "Paris", rows, "city"), evidence("user_id", "u-000001", rows, "user_id"));
    }

    @Test
    void aStageWhoseTasksWaitForOneHotKeyIsFlaggedWithItsNumbersAndAnEvenOneIsNot() throws Exception {
        DataDir dir = emptyDataDir();
        StageTaskTimes.Stage skewed = lastStageOf("one hot key", "CASE WHEN id % 10 < 9 THEN 0 ELSE id END");
        StageTaskTimes.Stage even = lastStageOf("evenly spread", "id");
        // a scan of many small files whose first task ran long (a cold JVM, a big file): no key behind it
        StageTaskTimes.Stage scan = StageTaskTimes.stage(0, "silver clickstream: collectAsList",
                new long[] {60, 80, 90, 100, 110, 1_400}, false);
        LastBatchRun.save(dir, new BatchRun.Result("all", null, List.of(), List.of(), 1.0,
                List.of(scan, skewed, even), List.of(), null), Instant.parse("2026-12-07T08:00:00Z"));

        List<Finding> found = new SkewChecks(spark, LakeTables.scratch(spark, "skew_none_"), dir).check();

        assertThat(even.maxOverMedian()).as(even.toString()).isLessThan(2);
        assertThat(skewed.readsShuffle()).as("the hot key's rows came through the shuffle").isTrue();
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(f.check()).isEqualTo("stage-skew");
            assertThat(f.subject()).isEqualTo("batch all of 2026-12-07T08:00:00Z");
            assertThat(f.evidence()).isEqualTo(String.format(Locale.ROOT, "stage %d (one hot key: %s): the slowest of"
                    + " %d tasks ran %.1f s, the median %.1f s: %.2f times", skewed.stageId(),
                    skewed.name().substring("one hot key: ".length()), TASKS, skewed.maxTaskMs() / 1000.0,
                    skewed.medianTaskMs() / 1000.0, skewed.maxOverMedian()));
            assertThat(f.threshold()).isEqualTo("slowest task >= 2.0 x the median, in stages that read shuffled rows,"
                    + " of >= 4 tasks whose slowest ran >= 1.0 s");
        });
    }

    @Test
    void theMedianOfAnEvenNumberOfTasksIsTheMeanOfTheMiddleTwo() {
        StageTaskTimes.Stage s = StageTaskTimes.stage(3, "gold x: save", new long[] {100, 200, 400, 1_000}, true);
        assertThat(s).isEqualTo(new StageTaskTimes.Stage(3, "gold x: save", 4, 300, 1_000, 3.33, true));
        assertThat(StageTaskTimes.stage(4, "s", new long[] {0, 0, 5}, false).maxOverMedian()).as("median under 1 ms")
                .isEqualTo(5.0);
    }

    /**
     * The last stage of a job that hashes 2 million rows by {@code key} into {@link #TASKS} tasks, each hashing its
     * rows' payload many times over: the work of a task is its rows'.
     */
    private static StageTaskTimes.Stage lastStageOf(String step, String key) {
        StageTaskTimes times = StageTaskTimes.attach(spark);
        try {
            spark.sparkContext().setJobDescription(step);
            spark.range(2_000_000).selectExpr(key + " AS k", "id").repartition(TASKS, col("k"))
                    .selectExpr("k", "xxhash64(id, sha2(CAST(id AS string), 512), sha2(CAST(id + 1 AS string), 512),"
                            + " sha2(CAST(id + 2 AS string), 512)) AS h")
                    .write().format("noop").mode("overwrite").save();
            List<StageTaskTimes.Stage> stages = times.stages();
            return stages.get(stages.size() - 1);
        } finally {
            spark.sparkContext().setJobDescription(null);
            times.detach();
        }
    }

    private static String evidence(String key, String value, long rows, String column) {
        long top = spark.sql("SELECT count(*) FROM skew_silver.orders WHERE " + column + " = '" + value + "'").first()
                .getLong(0);
        long keys = spark.sql("SELECT count(DISTINCT " + column + ") FROM skew_silver.orders").first().getLong(0);
        return String.format(Locale.ROOT, "%s %s holds %.1f%% of %,d rows (1 of %,d keys; an even spread gives each"
                + " %.1f%%)", key, value, 100.0 * top / rows, rows, keys, 100.0 / keys);
    }

    private static DataDir emptyDataDir() throws Exception {
        return new DataDir(Files.createTempDirectory("alluvium-skew-test"));
    }
}
