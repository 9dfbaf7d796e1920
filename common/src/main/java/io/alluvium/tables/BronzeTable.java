package io.alluvium.tables;

import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/**
 * The contract of {@code bronze.<topic>} (docs/architecture.md#tables), shared by the Flink job that writes it and
 * the Spark jobs that read it: the record exactly as received plus where it came from in Kafka.
 * (kafka_partition, kafka_offset) is unique: that is how exactly-once landing is checked.
 */
public final class BronzeTable {
    private BronzeTable() {
    }

    public static final String KAFKA_TOPIC = "kafka_topic";
    public static final String KAFKA_PARTITION = "kafka_partition";
    public static final String KAFKA_OFFSET = "kafka_offset";
    public static final String KAFKA_TIMESTAMP = "kafka_timestamp";
    public static final String RECORD_KEY = "record_key";
    public static final String PAYLOAD = "payload";
    public static final String INGEST_TS = "ingest_ts";

    public static final Schema SCHEMA = new Schema(
            Types.NestedField.required(1, KAFKA_TOPIC, Types.StringType.get()),
            Types.NestedField.required(2, KAFKA_PARTITION, Types.IntegerType.get()),
            Types.NestedField.required(3, KAFKA_OFFSET, Types.LongType.get()),
            Types.NestedField.required(4, KAFKA_TIMESTAMP, Types.TimestampType.withZone()),
            Types.NestedField.optional(5, RECORD_KEY, Types.StringType.get(), "Kafka record key, UTF-8"),
            Types.NestedField.optional(6, PAYLOAD, Types.StringType.get(),
                    "Record value exactly as received (UTF-8; not parsed, malformed JSON included)"),
            Types.NestedField.required(7, INGEST_TS, Types.TimestampType.withZone(),
                    "When the landing job read the record"));

    /** Partitioned by the day Kafka received the record: landing appends to one partition at a time. */
    public static final PartitionSpec SPEC = PartitionSpec.builderFor(SCHEMA).day(KAFKA_TIMESTAMP).build();

    /** Iceberg table properties: several writers (landing, maintenance) commit to Bronze concurrently. */
    public static final java.util.Map<String, String> PROPERTIES = java.util.Map.of(
            "format-version", "2",
            "commit.retry.num-retries", "20",
            "write.parquet.compression-codec", "zstd");
}
