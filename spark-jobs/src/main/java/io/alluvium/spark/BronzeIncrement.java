package io.alluvium.spark;

import io.alluvium.domain.Layer;
import io.alluvium.domain.Topic;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The Bronze rows of a topic that Silver has not seen: those appended after the watermark snapshot, up
 * to the current one. Without a watermark, or when the watermark snapshot has been expired by
 * maintenance, it is all of Bronze at the current snapshot, which is still correct because Silver and
 * Quarantine only ever add rows they do not already hold.
 */
public record BronzeIncrement(Dataset<Row> rows, Long fromExclusive, long toInclusive) {

    /** Empty when there is nothing new (no Bronze table, no commit, or Silver is up to date). */
    public static Optional<BronzeIncrement> since(SparkSession spark, LakeTables tables, Topic topic,
                                                  Optional<Long> watermark) {
        var id = Layer.BRONZE.table(topic);
        if (!tables.exists(id)) {
            return Optional.empty();
        }
        Table bronze = tables.load(id);
        Snapshot current = bronze.currentSnapshot();
        if (current == null || watermark.equals(Optional.of(current.snapshotId()))) {
            return Optional.empty();
        }
        long to = current.snapshotId();
        if (watermark.isPresent() && bronze.snapshot(watermark.get()) != null
                && SnapshotUtil.isAncestorOf(bronze, to, watermark.get())) {
            Dataset<Row> appended = spark.read().format("iceberg")
                    .option("start-snapshot-id", watermark.get())
                    .option("end-snapshot-id", to)
                    .load(tables.name(id));
            return Optional.of(new BronzeIncrement(appended, watermark.get(), to));
        }
        Dataset<Row> all = spark.sql("SELECT * FROM " + tables.name(id) + " VERSION AS OF " + to);
        return Optional.of(new BronzeIncrement(all, null, to));
    }
}
