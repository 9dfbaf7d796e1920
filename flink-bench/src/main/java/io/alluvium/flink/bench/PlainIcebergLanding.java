package io.alluvium.flink.bench;

import io.alluvium.domain.Topic;
import io.alluvium.flink.landing.BronzeRecordDeserializer;
import io.alluvium.runtime.ChildProtocol;
import io.alluvium.tables.BronzeTable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Contender (b) of the landing bench, the work of landing without a stream engine: one plain Java
 * thread reads the range and appends every record as a Bronze row (the same columns as the job's
 * {@link BronzeRecordDeserializer}) to the scratch tables with Iceberg's generic Parquet writer,
 * committing each table every checkpoint interval as the job does. Its last commit too comes at the end of
 * an interval, as the job's does: a streaming writer cannot know that a record is the last one.
 */
final class PlainIcebergLanding implements RangeReader.RecordSink {
    private final Map<Topic, Table> tables;
    private final Map<Topic, GenericBronzeWriter> writers = new EnumMap<>(Topic.class);
    private final long commitEveryNanos;
    private long lastCommit = System.nanoTime();

    PlainIcebergLanding(Map<Topic, Table> tables, Duration commitInterval) {
        this.tables = tables;
        this.commitEveryNanos = commitInterval.toNanos();
        int writerId = 0;
        for (Map.Entry<Topic, Table> e : tables.entrySet()) {
            writers.put(e.getKey(), new GenericBronzeWriter(e.getValue(), ++writerId));
        }
    }

    /** Lands the whole range, the last commit included. */
    void run(String bootstrapServers, LogRange range, ChildProtocol out, String stage) throws Exception {
        RangeReader.drain(bootstrapServers, "alluvium-bench-plain-writer", range, this, out, stage);
        long untilInterval = commitEveryNanos - (System.nanoTime() - lastCommit);
        if (untilInterval > 0) {
            TimeUnit.NANOSECONDS.sleep(untilInterval);
        }
        commit();
    }

    @Override
    public void accept(ConsumerRecord<byte[], byte[]> record) throws Exception {
        long ingestMillis = System.currentTimeMillis();
        long kafkaMillis = record.timestamp() >= 0 ? record.timestamp() : ingestMillis;
        Record row = GenericRecord.create(BronzeTable.SCHEMA);
        row.setField(BronzeTable.KAFKA_TOPIC, record.topic());
        row.setField(BronzeTable.KAFKA_PARTITION, record.partition());
        row.setField(BronzeTable.KAFKA_OFFSET, record.offset());
        row.setField(BronzeTable.KAFKA_TIMESTAMP, utc(kafkaMillis));
        row.setField(BronzeTable.RECORD_KEY, utf8(record.key()));
        row.setField(BronzeTable.PAYLOAD, utf8(record.value()));
        row.setField(BronzeTable.INGEST_TS, utc(ingestMillis));
        writers.get(Topic.fromName(record.topic())).write(row);
    }

    @Override
    public void polled() throws Exception {
        if (System.nanoTime() - lastCommit >= commitEveryNanos) {
            commit();
        }
    }

    /** One append per table that has new files, like the job's committer after a checkpoint. */
    private void commit() throws Exception {
        for (Map.Entry<Topic, GenericBronzeWriter> e : writers.entrySet()) {
            List<DataFile> files = e.getValue().finish();
            if (!files.isEmpty()) {
                AppendFiles append = tables.get(e.getKey()).newAppend();
                files.forEach(append::appendFile);
                append.commit();
            }
        }
        lastCommit = System.nanoTime();
    }

    private static OffsetDateTime utc(long epochMillis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }

    private static String utf8(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
