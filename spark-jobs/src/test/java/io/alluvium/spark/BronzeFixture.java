package io.alluvium.spark;

import io.alluvium.domain.Layer;
import io.alluvium.domain.Topic;
import io.alluvium.tables.BronzeTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Writes Bronze as the landing job does: the BronzeTable contract (created through the Iceberg API with
 * its schema, spec and properties), one Iceberg commit per {@link #commit} call, Kafka offsets that
 * continue across commits. Counts what it wrote per topic.
 */
final class BronzeFixture {
    private static final StructType ROW = StructType.fromDDL("kafka_topic string, kafka_partition int,"
            + " kafka_offset bigint, kafka_timestamp timestamp, record_key string, payload string, ingest_ts timestamp");

    private final SparkSession spark;
    private final Map<Topic, Long> nextOffset = new EnumMap<>(Topic.class);
    private final Map<Topic, List<String>> pending = new EnumMap<>(Topic.class);
    private final Map<Topic, Long> written = new EnumMap<>(Topic.class);

    BronzeFixture(SparkSession spark, Catalog catalog) {
        this.spark = spark;
        ((SupportsNamespaces) catalog).createNamespace(Namespace.of(Layer.BRONZE.namespace()));
        for (Topic t : Topic.values()) {
            catalog.createTable(TableIdentifier.of(Layer.BRONZE.namespace(), t.topicName()), BronzeTable.SCHEMA,
                    BronzeTable.SPEC, BronzeTable.PROPERTIES);
            nextOffset.put(t, 0L);
            written.put(t, 0L);
        }
    }

    BronzeFixture add(Topic topic, Map<String, Object> event) {
        return addRaw(topic, Events.json(event));
    }

    BronzeFixture addRaw(Topic topic, String payload) {
        pending.computeIfAbsent(topic, t -> new ArrayList<>()).add(payload);
        return this;
    }

    /** One Bronze commit per topic with pending records, all on Kafka partition 0. */
    void commit() {
        Instant now = Instant.parse("2026-11-04T00:00:00Z");
        pending.forEach((topic, payloads) -> {
            List<Row> rows = new ArrayList<>();
            for (String p : payloads) {
                long offset = nextOffset.merge(topic, 1L, Long::sum) - 1;
                rows.add(RowFactory.create(topic.topicName(), 0, offset, now, null, p, now));
            }
            try {
                spark.createDataFrame(rows, ROW).writeTo(Layer.BRONZE.table(topic).toString()).append();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            written.merge(topic, (long) payloads.size(), Long::sum);
        });
        pending.clear();
    }

    long written(Topic topic) {
        return written.get(topic);
    }
}
