package io.alluvium.spark;

import static org.apache.spark.sql.functions.col;

import io.alluvium.domain.Layer;
import io.alluvium.domain.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One consistent state of the three Silver tables: a snapshot id per topic (absent while a table has no
 * commit). Gold is computed from a cut and records it as its watermark, so the next run knows which
 * event days changed since: those of the rows Silver appended after the recorded snapshots.
 */
public record SilverCut(Map<Topic, Long> snapshots) {

    public static SilverCut current(LakeTables tables) {
        Map<Topic, Long> ids = new EnumMap<>(Topic.class);
        for (Topic t : Topic.values()) {
            Snapshot s = tables.load(Layer.SILVER.table(t)).currentSnapshot();
            if (s != null) {
                ids.put(t, s.snapshotId());
            }
        }
        return new SilverCut(ids);
    }

    /** {@code clickstream=1,orders=2}: the form stored in a Gold commit's summary. */
    public String encode() {
        return snapshots.entrySet().stream().map(e -> e.getKey().topicName() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    public static SilverCut decode(String text) {
        Map<Topic, Long> ids = new EnumMap<>(Topic.class);
        for (String pair : text.split(",")) {
            if (!pair.isBlank()) {
                String[] kv = pair.split("=", 2);
                ids.put(Topic.fromName(kv[0]), Long.parseLong(kv[1]));
            }
        }
        return new SilverCut(ids);
    }

    /**
     * The event days of rows this cut holds and {@code earlier} did not (all days without one). Read from
     * Iceberg's manifests, not the data: Silver is partitioned by {@code event_day}, so the partition value
     * of each data file appended since (or, without an earlier cut, of each file) is the day of its rows.
     */
    public Set<LocalDate> daysChangedSince(Optional<SilverCut> earlier, LakeTables tables) {
        Set<LocalDate> days = new TreeSet<>();
        for (Map.Entry<Topic, Long> e : snapshots.entrySet()) {
            Long before = earlier.map(c -> c.snapshots().get(e.getKey())).orElse(null);
            if (e.getValue().equals(before)) {
                continue;
            }
            Table table = tables.load(Layer.SILVER.table(e.getKey()));
            boolean incremental = before != null && table.snapshot(before) != null
                    && SnapshotUtil.isAncestorOf(table, e.getValue(), before);
            try (CloseableIterable<FileScanTask> files = incremental
                    ? table.newIncrementalAppendScan().fromSnapshotExclusive(before).toSnapshot(e.getValue()).planFiles()
                    : table.newScan().useSnapshot(e.getValue()).planFiles()) {
                for (FileScanTask file : files) {
                    eventDay(table, file).ifPresent(days::add);
                }
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot read the manifests of " + table.name(), ex);
            }
        }
        return days;
    }

    private static Optional<LocalDate> eventDay(Table table, FileScanTask file) {
        int eventDay = table.schema().findField(SilverTables.EVENT_DAY).fieldId();
        List<PartitionField> fields = file.spec().fields();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).sourceId() == eventDay && fields.get(i).transform().isIdentity()) {
                return Optional.ofNullable(file.file().partition().get(i, Integer.class)).map(LocalDate::ofEpochDay);
            }
        }
        throw new IllegalStateException(table.name() + " is not partitioned by " + SilverTables.EVENT_DAY
                + " (spec " + file.spec() + "): Gold finds the days to rebuild by that partition");
    }

    /** Registers {@code silver_<topic>} views: each table at this cut, restricted to {@code days}. */
    public void registerViews(SparkSession spark, LakeTables tables, Set<LocalDate> days) {
        for (Topic t : Topic.values()) {
            String name = tables.name(Layer.SILVER.table(t));
            Long id = snapshots.get(t);
            Dataset<Row> table = id == null ? spark.table(name) : spark.sql("SELECT * FROM " + name + " VERSION AS OF " + id);
            table.filter(col(SilverTables.EVENT_DAY).isin(days.toArray())).createOrReplaceTempView("silver_" + t.topicName());
        }
    }
}
