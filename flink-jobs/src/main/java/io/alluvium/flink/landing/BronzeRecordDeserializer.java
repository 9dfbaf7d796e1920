package io.alluvium.flink.landing;

import io.alluvium.tables.BronzeTable;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.Collector;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns one Kafka record into one Bronze row, in {@link BronzeTable}'s column order: where it came from
 * (topic, partition, offset, broker timestamp), its key and value as UTF-8 text, and when it was read.
 * The value is never parsed: malformed JSON lands exactly like valid JSON, because Bronze never drops.
 */
public final class BronzeRecordDeserializer implements KafkaRecordDeserializationSchema<RowData> {
    private static final long serialVersionUID = 1L;

    static final RowType ROW_TYPE = FlinkSchemaUtil.convert(BronzeTable.SCHEMA);

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RowData> out) {
        long ingestMillis = System.currentTimeMillis();
        // A record without a broker timestamp (pre-0.10 message format) is dated by its ingest time,
        // since kafka_timestamp is required and partitions the table.
        long kafkaMillis = record.timestamp() >= 0 ? record.timestamp() : ingestMillis;
        out.collect(GenericRowData.of(
                StringData.fromString(record.topic()),
                record.partition(),
                record.offset(),
                TimestampData.fromEpochMillis(kafkaMillis),
                utf8(record.key()),
                utf8(record.value()),
                TimestampData.fromEpochMillis(ingestMillis)));
    }

    private static StringData utf8(byte[] bytes) {
        return bytes == null ? null : StringData.fromBytes(bytes);
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return InternalTypeInfo.of(ROW_TYPE);
    }
}
