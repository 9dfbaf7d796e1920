package io.alluvium.flink;

import io.alluvium.domain.Topic;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.triggers.CountTrigger;
import org.apache.flink.util.OutputTag;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The realtime dataflow (issue 5): {@code orders} → validate (Silver's rules) → dedup by event_id →
 * event-time tumbling hour windows per city, with watermarks and allowed lateness → the serving store.
 * A window fires on every event (CountTrigger of 1) and writes its whole aggregate, so the store is
 * current within the sink's flush delay, and a window's state is dropped once the watermark passes its
 * end plus the allowed lateness; an event for a dropped window is too late: counted and kept by id.
 * Every stateful operator has a fixed uid, so a run resumes the state of the previous one.
 */
final class RealtimePipeline {
    /** Consumer group under which positions are committed to Kafka at each checkpoint (for catch-up and lag). */
    static final String GROUP_ID = "alluvium-realtime";
    private static final Duration IDLE_SOURCE = Duration.ofSeconds(30);
    private static final OutputTag<OrderEvent> LATE = new OutputTag<>("too-late") {
        private static final long serialVersionUID = 1L;
    };

    private RealtimePipeline() {
    }

    static void define(StreamExecutionEnvironment env, String bootstrapServers, Duration watermarkDelay,
            Duration allowedLateness, ServingStoreAddress store) {
        KafkaSource<byte[]> source = KafkaSource.<byte[]>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(Topic.ORDERS.topicName())
                .setGroupId(GROUP_ID)
                .setClientIdPrefix(GROUP_ID)
                // without restored state: the whole log, as a Kappa replay would
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(KafkaRecordDeserializationSchema.valueOnly(ByteArrayDeserializer.class))
                .build();
        SingleOutputStreamOperator<OrderEvent> valid = env
                .fromSource(source, WatermarkStrategy.noWatermarks(), "kafka orders").uid("orders-source")
                .process(new RealtimeFunctions.Validate()).name("validate").uid("validate");
        SingleOutputStreamOperator<OrderEvent> distinct = valid
                .assignTimestampsAndWatermarks(WatermarkStrategy
                        .<OrderEvent>forGenerator(ctx -> new RealtimeFunctions.EventTimeBehindMax(watermarkDelay))
                        .withTimestampAssigner((event, previous) -> event.eventTs)
                        .withIdleness(IDLE_SOURCE))
                .name("event time").uid("event-time")
                .keyBy(event -> event.eventId)
                .process(new RealtimeFunctions.FirstByEventId()).name("dedup by event_id").uid("dedup");
        SingleOutputStreamOperator<ServingWrite> cityHours = distinct
                .keyBy(event -> event.city)
                .window(TumblingEventTimeWindows.of(Duration.ofHours(1)))
                .allowedLateness(allowedLateness)
                .trigger(CountTrigger.of(1))
                .sideOutputLateData(LATE)
                .aggregate(new RealtimeFunctions.Sales(), new RealtimeFunctions.ToCityHourWrite())
                .name("city hour sales").uid("city-hour-sales");
        SingleOutputStreamOperator<ServingWrite> tooLate = cityHours.getSideOutput(LATE)
                .process(new RealtimeFunctions.TooLate()).name("too late").uid("too-late");
        DataStream<ServingWrite> counts = valid.getSideOutput(RealtimeFunctions.TALLY)
                .union(distinct.getSideOutput(RealtimeFunctions.TALLY), tooLate.getSideOutput(RealtimeFunctions.TALLY))
                .keyBy(name -> name)
                .process(new RealtimeFunctions.Count()).name("count set-aside").uid("tally");
        cityHours.union(tooLate, counts)
                .sinkTo(new ServingStoreSink(store)).name("serving store").uid("serving-store");
    }
}
