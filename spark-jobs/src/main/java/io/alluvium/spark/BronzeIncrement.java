package io.alluvium.spark;

import io.alluvium.domain.Layer;
import io.alluvium.domain.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.util.PropertyUtil;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The Bronze rows of a topic that Silver has not seen: those appended after the watermark snapshot, up
 * to the current one. Without a watermark, or when the watermark snapshot has been expired by
 * maintenance, it is all of Bronze at the current snapshot, which is still correct because Silver and
 * Quarantine only ever add rows they do not already hold.
 *
 * <p>The rows are read in splits small enough for every core of the job to classify some of them: classifying is
 * the CPU-heavy part of a Silver build, and with Iceberg's default split size (128 MB, each file weighing at least
 * its 4 MB open cost) an increment of a few small landing files is one task on one core (spark-jobs/TABLES.md,
 * "Incremental, idempotent, crash-safe").
 */
public record BronzeIncrement(Dataset<Row> rows, Long fromExclusive, long toInclusive) {
    /** Splits smaller than this cost more in task overhead than they spread. */
    static final long MIN_SPLIT_BYTES = 1L << 20;

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
        int cores = spark.sparkContext().defaultParallelism();
        if (watermark.isPresent() && bronze.snapshot(watermark.get()) != null
                && SnapshotUtil.isAncestorOf(bronze, to, watermark.get())) {
            long bytes = weight(bronze, bronze.newIncrementalAppendScan().fromSnapshotExclusive(watermark.get())
                    .toSnapshot(to).planFiles());
            Dataset<Row> appended = reader(spark, bronze, bytes, cores)
                    .option("start-snapshot-id", watermark.get())
                    .option("end-snapshot-id", to)
                    .load(tables.name(id));
            return Optional.of(new BronzeIncrement(appended, watermark.get(), to));
        }
        long bytes = weight(bronze, bronze.newScan().useSnapshot(to).planFiles());
        Dataset<Row> all = reader(spark, bronze, bytes, cores).option("versionAsOf", to).load(tables.name(id));
        return Optional.of(new BronzeIncrement(all, null, to));
    }

    private static DataFrameReader reader(SparkSession spark, Table bronze, long bytes, int cores) {
        return spark.read().format("iceberg").option("split-size", splitSize(bytes, cores, defaultSplitSize(bronze)));
    }

    /**
     * The split size that gives each of {@code cores} a share of {@code bytes} (the files' weight as Iceberg plans
     * it), never above the table's own split size nor below {@link #MIN_SPLIT_BYTES}.
     */
    static long splitSize(long bytes, int cores, long tableSplitSize) {
        long share = (bytes + Math.max(1, cores) - 1) / Math.max(1, cores);
        return Math.max(MIN_SPLIT_BYTES, Math.min(tableSplitSize, share));
    }

    private static long defaultSplitSize(Table table) {
        return PropertyUtil.propertyAsLong(table.properties(), TableProperties.SPLIT_SIZE,
                TableProperties.SPLIT_SIZE_DEFAULT);
    }

    /** The files' weight as Iceberg's split planning counts it: each file's size, at least the open-file cost. */
    private static long weight(Table table, CloseableIterable<FileScanTask> files) {
        long openCost = PropertyUtil.propertyAsLong(table.properties(), TableProperties.SPLIT_OPEN_FILE_COST,
                TableProperties.SPLIT_OPEN_FILE_COST_DEFAULT);
        long bytes = 0;
        try (files) {
            for (FileScanTask file : files) {
                bytes += Math.max(file.length(), openCost);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifests of " + table.name(), e);
        }
        return bytes;
    }
}
