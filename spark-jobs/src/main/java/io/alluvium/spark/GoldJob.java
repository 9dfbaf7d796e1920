package io.alluvium.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.alluvium.domain.Topic;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 */
public final class GoldJob {
    private final SparkSession spark;
    private final LakeTables tables;

    public GoldJob(SparkSession spark, LakeTables tables) {
        this.spark = spark;
        this.tables = tables;
    }

    public List<GoldReport> run(Set<LocalDate> backfillDays, ProgressListener progress) {
        for (Topic t : Topic.values()) {
            SilverTables.ensure(tables, t);
        }
        CityDimension.register(spark);
        SilverCut cut = SilverCut.current(tables);
        List<GoldReport> reports = new ArrayList<>();
        GoldTable[] gold = GoldTable.values();
        // The Gold tables are usually built from the same cut: find its changed days once.
        Map<Optional<SilverCut>, Set<LocalDate>> changedDays = new HashMap<>();
        for (int i = 0; i < gold.length; i++) {
            progress.stage("gold " + gold[i].tableName(), i, gold.length);
            reports.add(rebuild(gold[i], cut, backfillDays, changedDays));
        }
        progress.stage("gold", gold.length, gold.length);
        return reports;
    }

    private GoldReport rebuild(GoldTable gold, SilverCut cut, Set<LocalDate> backfillDays,
                               Map<Optional<SilverCut>, Set<LocalDate>> changedDays) {
        long started = System.nanoTime();
        Optional<SilverCut> builtFrom = tables.exists(gold.id())
                ? Watermark.latest(tables.load(gold.id()), Watermark.SILVER_SNAPSHOTS).map(SilverCut::decode)
                : Optional.empty();
        Set<LocalDate> days = new TreeSet<>(backfillDays);
        days.addAll(changedDays.computeIfAbsent(builtFrom, from -> cut.daysChangedSince(from, tables)));
        if (days.isEmpty()) {
            return new GoldReport(gold.tableName(), List.of(), 0, Seconds.since(started));
        }
        cut.registerViews(spark, tables, days);
        Dataset<Row> rows = spark.sql(gold.sql());
        tables.ensure(gold.id(), rows.schema(), SilverTables.EVENT_DAY);
        String name = tables.name(gold.id());
        try {
            rows.select(inTableOrder(rows, spark.table(name).schema())).writeTo(name)
                    .option(Watermark.writeOption(Watermark.SILVER_SNAPSHOTS), cut.encode())
                    .overwrite(col(SilverTables.EVENT_DAY).isin(days.toArray()));
        } catch (NoSuchTableException e) {
            throw new IllegalStateException(name + " disappeared during the batch run", e);
        }
        long written = Watermark.addedRecords(tables.load(gold.id()), Watermark.SILVER_SNAPSHOTS, cut.encode());
        return new GoldReport(gold.tableName(), List.copyOf(days), written, Seconds.since(started));
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
