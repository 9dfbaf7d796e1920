package io.alluvium.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.to_date;

import io.alluvium.contract.EventContracts;
import io.alluvium.domain.Layer;
import io.alluvium.domain.TableId;
import io.alluvium.domain.Topic;
import io.alluvium.tables.BronzeTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;

/**
 * Bronze → Silver + Quarantine for one topic, incrementally and idempotently.
 *
 * <p>Order of commits, and why a kill -9 anywhere is harmless: (1) quarantine rows not already there
 * (by Kafka partition and offset) are appended; (2) valid rows whose event_id Silver does not hold are
 * appended to Silver in one commit that also records the Bronze snapshot read up to ({@link Watermark}).
 * Killed before (2), the watermark has not moved: the rerun reads the same Bronze rows, finds the
 * quarantine rows present and skips them, and writes Silver. Killed after (2), the rerun starts past
 * them. Either way each Bronze row ends up exactly once in Silver, in Quarantine, or counted as a
 * duplicate. (Silver and Quarantine assume one batch job at a time.)
 */
public final class SilverJob {
    private static final String VALID = "(valid)";
    private final SparkSession spark;
    private final LakeTables tables;

    public SilverJob(SparkSession spark, LakeTables tables) {
        this.spark = spark;
        this.tables = tables;
    }

    public SilverReport run(Topic topic) {
        long started = System.nanoTime();
        SilverTables.ensure(tables, topic);
        TableId silver = Layer.SILVER.table(topic);
        TableId quarantine = Layer.QUARANTINE.table(topic);
        Optional<Long> watermark = Watermark.latest(tables.load(silver), Watermark.BRONZE_SNAPSHOT).map(Long::valueOf);
        Optional<BronzeIncrement> increment = BronzeIncrement.since(spark, tables, topic, watermark);
        if (increment.isEmpty()) {
            return SilverReport.upToDate(topic.topicName(), Seconds.since(started));
        }
        String to = Long.toString(increment.get().toInclusive());
        EventClassifier classifier = new EventClassifier(EventContracts.of(topic));
        Dataset<Row> classified = classifier.classify(increment.get().rows()).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Map<String, Long> byReason = countByReason(classified);
            long read = byReason.values().stream().mapToLong(Long::longValue).sum();
            Long valid = byReason.remove(VALID);
            long quarantined = read - (valid == null ? 0 : valid);
            Dataset<Row> invalid = classified.filter(col(EventClassifier.REASON).isNotNull());

            appendNew(quarantineRows(invalid), quarantine, List.of(BronzeTable.KAFKA_PARTITION, BronzeTable.KAFKA_OFFSET), to);
            appendNew(firstPerEventId(silverRows(classified, classifier)), silver, List.of(EventContracts.EVENT_ID), to);

            long quarantineWritten = Watermark.addedRecords(tables.load(quarantine), Watermark.BRONZE_SNAPSHOT, to);
            long silverWritten = Watermark.addedRecords(tables.load(silver), Watermark.BRONZE_SNAPSHOT, to);
            return new SilverReport(topic.topicName(), increment.get().fromExclusive(), increment.get().toInclusive(),
                    read, silverWritten, quarantined, byReason, quarantineWritten,
                    read - quarantined - silverWritten, Seconds.since(started));
        } finally {
            classified.unpersist();
        }
    }

    private Dataset<Row> quarantineRows(Dataset<Row> invalid) {
        return invalid.select(col(BronzeTable.PAYLOAD), col(EventClassifier.REASON), col(EventClassifier.DETAIL),
                col(BronzeTable.KAFKA_PARTITION), col(BronzeTable.KAFKA_OFFSET), col(BronzeTable.KAFKA_TIMESTAMP),
                current_timestamp().as("quarantined_at"));
    }

    private static Dataset<Row> silverRows(Dataset<Row> classified, EventClassifier classifier) {
        List<Column> columns = new ArrayList<>(classifier.typed());
        columns.add(to_date(col(EventContracts.EVENT_TS)).as(SilverTables.EVENT_DAY));
        columns.add(col(BronzeTable.KAFKA_PARTITION));
        columns.add(col(BronzeTable.KAFKA_OFFSET));
        return classified.filter(col(EventClassifier.REASON).isNull()).select(columns.toArray(Column[]::new));
    }

    /** Within the batch, the first copy of an event (lowest Kafka partition and offset) wins. */
    private static Dataset<Row> firstPerEventId(Dataset<Row> valid) {
        var firstCopy = Window.partitionBy(EventContracts.EVENT_ID)
                .orderBy(col(BronzeTable.KAFKA_PARTITION), col(BronzeTable.KAFKA_OFFSET));
        return valid.withColumn("_copy", row_number().over(firstCopy)).filter(col("_copy").equalTo(1)).drop("_copy");
    }

    /**
     * Appends the rows whose key the table does not hold yet, in one commit tagged with the Bronze
     * snapshot read up to. An empty append still commits, so the watermark moves past batches that
     * were all duplicates.
     */
    private void appendNew(Dataset<Row> rows, TableId table, List<String> key, String bronzeSnapshot) {
        Column[] keyColumns = key.stream().map(k -> col(k)).toArray(Column[]::new);
        Dataset<Row> held = spark.table(tables.name(table)).select(keyColumns);
        Dataset<Row> fresh = rows.join(held, scala.jdk.javaapi.CollectionConverters.asScala(key).toSeq(), "left_anti");
        try {
            fresh.select(tableColumns(table)).writeTo(tables.name(table))
                    .option(Watermark.writeOption(Watermark.BRONZE_SNAPSHOT), bronzeSnapshot)
                    .append();
        } catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
            throw new IllegalStateException(tables.name(table) + " disappeared during the batch run", e);
        }
    }

    /** The rows' columns in the table's order (a table evolved by ADD COLUMN has them last). */
    private Column[] tableColumns(TableId table) {
        return java.util.Arrays.stream(spark.table(tables.name(table)).schema().fieldNames())
                .map(c -> col(c)).toArray(Column[]::new);
    }

    /** Rows per reason code, valid rows under {@link #VALID}: one pass over the batch. */
    private static Map<String, Long> countByReason(Dataset<Row> classified) {
        Map<String, Long> counts = new TreeMap<>();
        for (Row r : classified.groupBy(EventClassifier.REASON).count().collectAsList()) {
            counts.put(r.isNullAt(0) ? VALID : r.getString(0), r.getLong(1));
        }
        return counts;
    }
}
