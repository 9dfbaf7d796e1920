package io.alluvium.spark;

import static org.apache.spark.sql.functions.col;

import io.alluvium.domain.Layer;
import io.alluvium.domain.Topic;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
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

    /** The event days of rows this cut holds and {@code earlier} did not (all days without one). */
    public Set<LocalDate> daysChangedSince(Optional<SilverCut> earlier, SparkSession spark, LakeTables tables) {
        Set<LocalDate> days = new TreeSet<>();
        for (Map.Entry<Topic, Long> e : snapshots.entrySet()) {
            String name = Layer.SILVER.table(e.getKey()).toString();
            Long before = earlier.map(c -> c.snapshots().get(e.getKey())).orElse(null);
            if (e.getValue().equals(before)) {
                continue;
            }
            Table table = tables.load(Layer.SILVER.table(e.getKey()));
            Dataset<Row> rows = before != null && table.snapshot(before) != null
                    && SnapshotUtil.isAncestorOf(table, e.getValue(), before)
                    ? spark.read().format("iceberg").option("start-snapshot-id", before)
                            .option("end-snapshot-id", e.getValue()).load(name)
                    : spark.sql("SELECT * FROM " + name + " VERSION AS OF " + e.getValue());
            for (Row r : rows.select(SilverTables.EVENT_DAY).distinct().collectAsList()) {
                if (!r.isNullAt(0)) {
                    days.add(r.getAs(0));
                }
            }
        }
        return days;
    }

    /** Registers {@code silver_<topic>} views: each table at this cut, restricted to {@code days}. */
    public void registerViews(SparkSession spark, Set<LocalDate> days) {
        for (Topic t : Topic.values()) {
            String name = Layer.SILVER.table(t).toString();
            Long id = snapshots.get(t);
            Dataset<Row> table = id == null ? spark.table(name) : spark.sql("SELECT * FROM " + name + " VERSION AS OF " + id);
            table.filter(col(SilverTables.EVENT_DAY).isin(days.toArray())).createOrReplaceTempView("silver_" + t.topicName());
        }
    }
}
