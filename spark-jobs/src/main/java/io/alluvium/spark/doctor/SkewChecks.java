package io.alluvium.spark.doctor;

import io.alluvium.doctor.Finding;
import io.alluvium.domain.Layer;
import io.alluvium.domain.TableId;
import io.alluvium.domain.Topic;
import io.alluvium.runtime.DataDir;
import io.alluvium.spark.LakeTables;
import io.alluvium.spark.LastBatchRun;
import io.alluvium.spark.StageTaskTimes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The doctor's skew checks (docs/doctor.md, "Skew"): {@code key-skew}, a city or user holding a large share of
 * {@code silver.orders}' or {@code silver.clickstream}'s rows, and {@code stage-skew}, a stage of the last batch run
 * whose slowest task ran far longer than its median one ({@link LastBatchRun}). Skew is in the data, so
 * {@code --fix} cannot remove it: each finding names the remedy instead.
 */
public final class SkewChecks {
    /** A key is hot from this share of its table's rows: a shuffle by it leaves one task at least half the work. */
    static final double KEY_SHARE_AT_LEAST = 0.5;
    /** Tables with fewer rows are not examined: their shares say nothing yet. */
    static final long ROWS_AT_LEAST = 1_000;
    /** Stages of fewer tasks are not examined: the slowest of 2 or 3 tasks is no straggler. */
    static final int STAGE_TASKS_AT_LEAST = 4;
    /** Stages whose slowest task ran less than this are not examined: start-up and scheduling noise dominates. */
    static final long SLOWEST_TASK_MS_AT_LEAST = 1_000;
    /** A stage is skewed from this slowest/median ratio: above Spark's own straggler multiplier (1.5, speculation). */
    static final double TASK_RATIO_AT_LEAST = 2.0;

    /** The Silver tables examined and their keys. */
    private static final List<Topic> TABLES = List.of(Topic.ORDERS, Topic.CLICKSTREAM);
    private static final List<String> KEYS = List.of("city", "user_id");

    private final SparkSession spark;
    private final LakeTables lake;
    private final DataDir dataDir;

    public SkewChecks(SparkSession spark, LakeTables lake, DataDir dataDir) {
        this.spark = spark;
        this.lake = lake;
        this.dataDir = dataDir;
    }

    public List<Finding> check() {
        List<Finding> findings = new ArrayList<>();
        for (Topic topic : TABLES) {
            TableId table = Layer.SILVER.table(topic);
            if (lake.exists(table)) {
                findings.addAll(keySkew(table));
            }
        }
        LastBatchRun.load(dataDir).ifPresent(run -> run.stages().forEach(s -> stageSkew(run, s).ifPresent(findings::add)));
        return findings;
    }

    /** The top city's and top user's share of the table's rows: one aggregate over the table. */
    private List<Finding> keySkew(TableId table) {
        String name = lake.name(table);
        List<Row> levels = spark.sql("WITH g AS (SELECT city, user_id, grouping_id() AS level, count(*) AS n FROM "
                + name + " GROUP BY GROUPING SETS ((city), (user_id), ()))"
                + " SELECT level, count(*) AS keys, max_by(coalesce(city, user_id), struct(n, coalesce(city, user_id)))"
                + " AS top, max(n) AS top_rows FROM g GROUP BY level ORDER BY level").collectAsList();
        // grouping_id: 1 = by city, 2 = by user_id, 3 = all rows
        long rows = levels.isEmpty() ? 0 : levels.get(levels.size() - 1).getLong(3);
        List<Finding> findings = new ArrayList<>();
        if (rows < ROWS_AT_LEAST) {
            return findings;
        }
        for (int k = 0; k < KEYS.size(); k++) {
            Row level = levels.get(k);
            long keys = level.getLong(1);
            double share = level.getLong(3) / (double) rows;
            if (share >= KEY_SHARE_AT_LEAST && keys > 1) {
                findings.add(new Finding(Finding.Severity.INFO, "key-skew", table.toString(),
                        String.format(Locale.ROOT, "%s %s holds %s of %,d rows (1 of %,d keys; an even spread gives "
                                + "each %s)", KEYS.get(k), level.getString(2), percent(share), rows, keys,
                                percent(1.0 / keys)),
                        String.format(Locale.ROOT, ">= %s of the rows on one key, in tables of >= %,d rows",
                                percent(KEY_SHARE_AT_LEAST), ROWS_AT_LEAST),
                        "a join, window or aggregation that shuffles raw rows by " + KEYS.get(k) + " gives one task "
                                + "that share of the work while the others wait",
                        "aggregate by " + KEYS.get(k) + " before shuffling raw rows (as Gold does); a join or window "
                                + "that cannot: salt the key (docs/doctor.md#skew)"));
            }
        }
        return findings;
    }

    private static Optional<Finding> stageSkew(LastBatchRun run, StageTaskTimes.Stage s) {
        // a scan's tasks read files, not keys: a slow one is a big or cold file, not a hot key
        if (!s.readsShuffle() || s.tasks() < STAGE_TASKS_AT_LEAST || s.maxTaskMs() < SLOWEST_TASK_MS_AT_LEAST
                || s.maxOverMedian() < TASK_RATIO_AT_LEAST) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Finding.Severity.WARNING, "stage-skew",
                "batch " + run.command() + " of " + run.finishedAt(),
                String.format(Locale.ROOT, "stage %d (%s): the slowest of %,d tasks ran %s, the median %s: %.2f times",
                        s.stageId(), s.name(), s.tasks(), seconds(s.maxTaskMs()), seconds(s.medianTaskMs()),
                        s.maxOverMedian()),
                String.format(Locale.ROOT, "slowest task >= %.1f x the median, in stages that read shuffled rows, of >= %d"
                        + " tasks whose slowest ran >= %s", TASK_RATIO_AT_LEAST, STAGE_TASKS_AT_LEAST, seconds(SLOWEST_TASK_MS_AT_LEAST)),
                "one task holds a hot key's rows: the stage lasts as long as that task while the other cores idle",
                "find the hot key (the key-skew notes); aggregate by it before the shuffle, or salt it in the join or"
                        + " window (docs/doctor.md#skew)"));
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
