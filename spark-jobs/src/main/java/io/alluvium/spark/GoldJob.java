package io.alluvium.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.alluvium.domain.Layer;
import io.alluvium.domain.Topic;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.types.StructType;

/**
 * Silver → Gold by whole event days. For each Gold table it finds the days whose Silver rows changed
 * since the Silver cut the table was last built from (plus any backfill days), recomputes those days
 * from all of Silver, and replaces them in one commit (overwrite by {@code event_day}) that also records
 * the new cut. A rerun finds no changed day and writes nothing; a backfill or a run after a kill -9
 * recomputes days and replaces them, so totals never double.
 *
 * <p>Write-audit-publish: each table's build is written to its {@link AuditBranch}, its Gold-vs-Silver checks run
 * there on the rebuilt days, and only when every table's build passes are they published (main fast-forwarded). A
 * failing build publishes nothing and says which check failed ({@link GoldAuditFailure}).
 */
public final class GoldJob {
    /** Builds of one table made again when another writer (compaction) moved main before it was published. */
    private static final int PUBLISH_ATTEMPTS = 3;

    private final SparkSession spark;
    private final LakeTables tables;
    private final Function<GoldTable, String> queries;
    private final GoldChecks checks;

    public GoldJob(SparkSession spark, LakeTables tables) {
        this(spark, tables, GoldTable::sql);
    }

    /** With other queries than the tables' own: how a test makes a build that must fail its audit. */
    GoldJob(SparkSession spark, LakeTables tables, Function<GoldTable, String> queries) {
        this.spark = spark;
        this.tables = tables;
        this.queries = queries;
        this.checks = new GoldChecks(spark, tables);
    }

    public List<GoldReport> run(Set<LocalDate> backfillDays, ProgressListener progress) {
        for (Topic t : Topic.values()) {
            SilverTables.ensure(tables, t);
        }
        CityDimension.register(spark);
        SilverCut cut = SilverCut.current(tables);
        GoldTable[] gold = GoldTable.values();
        // The Gold tables are usually built from the same cut: find its changed days once.
        Map<Optional<SilverCut>, Set<LocalDate>> changedDays = new HashMap<>();
        List<Build> builds = new ArrayList<>();
        for (int i = 0; i < gold.length; i++) {
            progress.stage("gold " + gold[i].tableName(), i, gold.length);
            long started = System.nanoTime();
            builds.add(build(gold[i], cut, daysToBuild(gold[i], cut, backfillDays, changedDays), started));
        }
        List<Build> failed = builds.stream().filter(Build::failed).toList();
        if (!failed.isEmpty()) {
            throw new GoldAuditFailure(failed.stream().map(this::failure).toList(), List.of());
        }
        List<GoldReport> reports = new ArrayList<>();
        for (Build b : builds) {
            reports.add(publish(b, cut, reports));
        }
        progress.stage("gold", gold.length, gold.length);
        return reports;
    }

    /** One table's build on its audit branch, and the checks it passed or failed there; no branch without a day. */
    private record Build(GoldTable gold, Set<LocalDate> days, AuditBranch branch, List<GoldChecks.GoldCheck> audit,
                         long started) {
        boolean failed() {
            return audit.stream().anyMatch(c -> !c.equal());
        }
    }

    private Set<LocalDate> daysToBuild(GoldTable gold, SilverCut cut, Set<LocalDate> backfillDays,
                                       Map<Optional<SilverCut>, Set<LocalDate>> changedDays) {
        Optional<SilverCut> builtFrom = tables.exists(gold.id())
                ? Watermark.latest(tables.load(gold.id()), Watermark.SILVER_SNAPSHOTS).map(SilverCut::decode)
                : Optional.empty();
        Set<LocalDate> days = new TreeSet<>(backfillDays);
        days.addAll(changedDays.computeIfAbsent(builtFrom, from -> cut.daysChangedSince(from, tables)));
        return days;
    }

    private Build build(GoldTable gold, SilverCut cut, Set<LocalDate> days, long started) {
        if (days.isEmpty()) {
            return new Build(gold, days, null, List.of(), started);
        }
        cut.registerViews(spark, tables, days);
        Dataset<Row> rows = spark.sql(queries.apply(gold));
        tables.ensure(gold.id(), rows.schema(), SilverTables.EVENT_DAY);
        String name = tables.name(gold.id());
        AuditBranch branch = AuditBranch.open(spark, tables, gold.id());
        try {
            rows.select(inTableOrder(rows, spark.table(name).schema())).writeTo(branch.writeName())
                    .option(Watermark.writeOption(Watermark.SILVER_SNAPSHOTS), cut.encode())
                    .overwrite(col(SilverTables.EVENT_DAY).isin(days.toArray()));
        } catch (NoSuchTableException e) {
            throw new IllegalStateException(name + " disappeared during the batch run", e);
        }
        return new Build(gold, days, branch, checks.audit(gold, branch.rows(), days), started);
    }

    private GoldAuditFailure.Failed failure(Build b) {
        return new GoldAuditFailure.Failed(tables.name(b.gold().id()), b.days(),
                b.audit().stream().filter(c -> !c.equal()).toList());
    }

    /** Publishes the build; if another writer moved main first, builds it again. {@code published}: before it. */
    private GoldReport publish(Build build, SilverCut cut, List<GoldReport> published) {
        Build b = build;
        for (int attempt = 1; b.branch() != null && !b.branch().publish(); attempt++) {
            if (attempt == PUBLISH_ATTEMPTS) {
                throw new IllegalStateException(tables.name(b.gold().id()) + ": another writer committed to it during"
                        + " each of " + PUBLISH_ATTEMPTS + " builds, so none could be published; run the batch again");
            }
            b = build(b.gold(), cut, b.days(), b.started());
            if (b.failed()) {
                throw new GoldAuditFailure(List.of(failure(b)), published.stream()
                        .filter(r -> !r.daysRebuilt().isEmpty()).map(r -> tables.name(Layer.GOLD.table(r.table())))
                        .toList());
            }
        }
        long written = b.branch() == null ? 0
                : Watermark.addedRecords(tables.load(b.gold().id()), Watermark.SILVER_SNAPSHOTS, cut.encode());
        return new GoldReport(b.gold().tableName(), List.copyOf(b.days()), written, b.audit().size(),
                Seconds.since(b.started()));
    }

    /**
     * The built columns in the table's order, and a null for each column the build does not make (one an analyst
     * added to the table, docs/architecture.md#invariants): the table's schema can grow without breaking the build.
     */
    private static Column[] inTableOrder(Dataset<Row> rows, StructType table) {
        Set<String> built = Set.of(rows.columns());
        return Arrays.stream(table.fields())
                .map(f -> built.contains(f.name()) ? col(f.name()) : lit(null).cast(f.dataType()).as(f.name()))
                .toArray(Column[]::new);
    }
}
