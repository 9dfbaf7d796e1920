package io.alluvium.flink.landing;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.domain.Topic;
import java.util.Arrays;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.DistributionMode;
import org.apache.iceberg.flink.sink.IcebergSink;
import org.apache.kafka.common.TopicPartition;

/**
 * The landing dataflow: one Kafka source over the three topics, each record turned into a Bronze row,
 * routed by topic to one Iceberg sink per {@code bronze.<topic>} table, which also maintains its table
 * ({@link BronzeMaintenance}). Every stateful operator has a fixed uid, so that a run resumes the state of the
 * previous one whatever else changed in the job.
 */
final class LandingPipeline {
    private LandingPipeline() {
    }

    /**
     * @param startOffsets  where partitions without restored state start: after the last offset landed
     *                      in Bronze, else at the earliest offset kept
     * @param consumerGroup group under which landing positions are committed to Kafka (for lag, not for
     *                      recovery)
     */
    static void define(StreamExecutionEnvironment env, AlluviumConfig config, String bootstrapServers,
            Map<TopicPartition, Long> startOffsets, BronzeCatalog catalog, String consumerGroup) {
        KafkaSource<RowData> source = KafkaSource.<RowData>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(Arrays.stream(Topic.values()).map(Topic::topicName).toList())
                .setGroupId(consumerGroup)
                .setClientIdPrefix(consumerGroup)
                .setStartingOffsets(startingOffsets(startOffsets))
                .setDeserializer(new BronzeRecordDeserializer())
                .setProperty("partition.discovery.interval.ms", "30000")
                .build();
        DataStream<RowData> rows = env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka")
                .uid("kafka-source");
        for (Topic topic : Topic.values()) {
            DataStream<RowData> topicRows = rows.filter(new TopicFilter(topic.topicName()))
                    .name("route " + topic)
                    .uid("route-" + topic);
            IcebergSink.Builder sink = IcebergSink.forRowData(topicRows)
                    .tableLoader(catalog.tableLoader(topic))
                    // each writer writes its own files: no shuffle of the whole stream by day
                    .distributionMode(DistributionMode.NONE)
                    .uidSuffix("bronze-" + topic);
            BronzeMaintenance.applyTo(sink, config)
                    .append()
                    .name("bronze." + topic);
        }
    }

    @SuppressWarnings("deprecation") // the connector's API still takes Kafka's OffsetResetStrategy
    private static OffsetsInitializer startingOffsets(Map<TopicPartition, Long> startOffsets) {
        return OffsetsInitializer.offsets(startOffsets,
                org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST);
    }

    /** Keeps the rows of one topic (column 0 of a Bronze row). */
    static final class TopicFilter implements FilterFunction<RowData> {
        private static final long serialVersionUID = 1L;

        private final String topic;

        TopicFilter(String topic) {
            this.topic = topic;
        }

        @Override
        public boolean filter(RowData row) {
            return topic.equals(row.getString(0).toString());
        }
    }
}
