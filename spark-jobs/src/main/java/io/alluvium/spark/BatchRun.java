package io.alluvium.spark;

import io.alluvium.domain.Layer;
import io.alluvium.domain.TableId;
import io.alluvium.domain.Topic;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import io.alluvium.spark.doctor.Doctor;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * {@code alluvium batch silver|gold|all [--backfill FROM..TO]}. Silver is append-only by event_id, so a
 * backfill does not touch it: it rebuilds the Gold days FROM..TO from all of Silver (for {@code all},
 * after Silver has taken in what Bronze has new). Asking {@code silver --backfill} is an error that says so.
 */
public final class BatchRun {
    public enum Stage { SILVER, GOLD, ALL }

    /**
     * The result line of a batch run.
     *
     * @param stages     each Spark stage of the build with its tasks' run times ({@link StageTaskTimes}), what the
     *                   doctor's {@code stage-skew} check reads (docs/doctor.md, "Skew")
     * @param maintained the tables maintained after the build because the doctor flagged them ({@code batch.maintenance})
     * @param published  the batch view in the serving store after a Gold build ({@link BatchViewPublish}); null when
     *                   the run built no Gold (silver) or built a scratch lake (bench)
     */
    public record Result(String command, DayRange backfill, List<SilverReport> silver, List<GoldReport> gold,
                         double seconds, List<StageTaskTimes.Stage> stages, List<Doctor.Maintained> maintained,
                         BatchViewPublish.Outcome published) {
        /**
         * The tables this run built: Silver and Quarantine of each topic it read, and each Gold table it rebuilt days
         * of (a Gold table with no day to build, e.g. on a platform with no data yet, may not exist).
         */
        public List<TableId> tablesBuilt() {
            List<TableId> tables = new ArrayList<>();
            for (SilverReport r : silver) {
                Topic topic = Topic.fromName(r.topic());
                tables.add(Layer.SILVER.table(topic));
                tables.add(Layer.QUARANTINE.table(topic));
            }
            gold.stream().filter(g -> !g.daysRebuilt().isEmpty())
                    .forEach(g -> tables.add(Layer.GOLD.table(g.table())));
            return tables;
        }

        public Result withMaintained(List<Doctor.Maintained> tables) {
            return new Result(command, backfill, silver, gold, seconds, stages, List.copyOf(tables), published);
        }

        public Result withPublished(BatchViewPublish.Outcome outcome) {
            return new Result(command, backfill, silver, gold, seconds, stages, maintained, outcome);
        }

        /** Whether this run built Gold, after which the batch view is published. */
        public boolean builtGold() {
            return !command.equals("silver");
        }
    }

    private final Stage stage;
    private final DayRange backfill;

    BatchRun(Stage stage, DayRange backfill) {
        this.stage = stage;
        this.backfill = backfill;
    }

    public static BatchRun parse(String stage, List<String> options) {
        Stage s = switch (stage) {
            case "silver" -> Stage.SILVER;
            case "gold" -> Stage.GOLD;
            case "all" -> Stage.ALL;
            default -> throw new BadInputException("unknown batch stage \"" + stage + "\" (expected silver, gold or all)");
        };
        DayRange backfill = null;
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).equals("--backfill") && i + 1 < options.size()) {
                backfill = DayRange.parse(options.get(++i));
            } else if (options.get(i).startsWith("--backfill=")) {
                backfill = DayRange.parse(options.get(i).substring("--backfill=".length()));
            } else {
                throw new BadInputException("unexpected argument \"" + options.get(i)
                        + "\" (usage: " + stage + " [--backfill YYYY-MM-DD..YYYY-MM-DD])");
            }
        }
        if (s == Stage.SILVER && backfill != null) {
            throw new BadInputException("--backfill rebuilds Gold days; Silver is append-only by event_id and"
                    + " never needs one: use 'gold --backfill' or 'all --backfill'");
        }
        return new BatchRun(s, backfill);
    }

    public Result run(SparkSession spark, ProgressListener progress) {
        return run(spark, new LakeTables(spark), progress);
    }

    /**
     * The run on {@code tables}: the platform's, or a scratch lake (as {@code bench batch} does). Each Spark job it
     * submits is described by the step it belongs to ({@code silver orders}, {@code gold user_daily_features}), which
     * names its stages in the result.
     */
    public Result run(SparkSession spark, LakeTables tables, ProgressListener progress) {
        StageTaskTimes times = StageTaskTimes.attach(spark);
        try {
            return run(spark, tables, (step, done, total) -> {
                spark.sparkContext().setJobDescription(step);
                progress.stage(step, done, total);
            }, times);
        } finally {
            spark.sparkContext().setJobDescription(null);
            times.detach();
        }
    }

    private Result run(SparkSession spark, LakeTables tables, ProgressListener steps, StageTaskTimes times) {
        long started = System.nanoTime();
        List<SilverReport> silver = new ArrayList<>();
        if (stage != Stage.GOLD) {
            SilverJob job = new SilverJob(spark, tables);
            Topic[] topics = Topic.values();
            for (int i = 0; i < topics.length; i++) {
                steps.stage("silver " + topics[i].topicName(), i, topics.length);
                silver.add(job.run(topics[i]));
            }
            steps.stage("silver", topics.length, topics.length);
        }
        List<GoldReport> gold = List.of();
        if (stage != Stage.SILVER) {
            Set<LocalDate> days = backfill == null ? Set.of() : backfill.days();
            gold = new GoldJob(spark, tables).run(days, steps);
        }
        return new Result(stage.name().toLowerCase(java.util.Locale.ROOT), backfill, silver, gold,
                Seconds.since(started), times.stages(), List.of(), null);
    }
}
