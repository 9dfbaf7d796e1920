package io.alluvium.flink.realtime.source;

import io.alluvium.domain.StreamJob;
import io.alluvium.domain.Topic;
import io.alluvium.flink.realtime.Tallies;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The realtime job's reading of one topic: Kafka → validation with Silver's rules → event-time
 * watermarks per partition ({@link EventTimeBehindMax} inside the source, kept across restores by
 * {@link ResumedWatermark}) → per partition, in its order, whether each event lies more than the watermark
 * delay behind an earlier one ({@link PartitionOrder}, in the reading subtask) → dedup by event_id in keyed
 * state. What comes out is each distinct valid event once; every record is tallied (valid, duplicate,
 * rejected:&lt;reason&gt;). Operator uids are derived from the topic, so a run resumes the state of the
 * previous one.
 *
 * <p>Being behind is a property of the log alone (the partition's order), kept in checkpointed keyed
 * state, so a replay or a restart marks the same events. An event that is not behind reaches every
 * downstream operator before the watermark passes it (the watermark is at most its partition's highest
 * event time minus the delay): consumers that must see each key's events in event-time order (the fraud
 * rules) read {@link Distinct#inOrder()} and get a result that depends on the log, never on how fast
 * the partitions were read.
 */
public final class TopicSource {
    /** Consumer group under which positions are committed to Kafka at each checkpoint (for catch-up and lag). */
    public static final String GROUP_ID = StreamJob.REALTIME.consumerGroup();
    /** Validates one raw record of a topic. */
    @FunctionalInterface
    public interface Validator<T> extends Serializable {
        Checked<T> check(byte[] payload);
    }

    /**
     * A topic's distinct valid events: all of them, and the same split into those in their partition's
     * event-time order (at most the watermark delay behind an earlier event) and those behind it.
     */
    public record Distinct<T>(DataStream<T> all, DataStream<T> inOrder, DataStream<T> behind) {
    }

    private final StreamExecutionEnvironment env;
    private final String bootstrapServers;
    private final Duration watermarkDelay;
    private final Duration idlePartitionTimeout;
    private final Duration dedupRetention;
    private final boolean bounded;
    private final Tallies tallies;

    /**
     * @param idlePartitionTimeout a partition caught up with (its last record read within this of its Kafka
     *                        timestamp) and then without records for this long no longer holds the
     *                        watermark back ({@code realtime.idle-partition-timeout}, {@link EventTimeBehindMax})
     * @param dedupRetention  event ids are kept for dedup until the watermark passes their event time
     *                        plus this ({@code realtime.dedup-retention})
     * @param bounded         read each topic up to its end offsets at the start, then finish (a bench's
     *                        replay of a backlog); otherwise read on
     */
    public TopicSource(StreamExecutionEnvironment env, String bootstrapServers, Duration watermarkDelay,
            Duration idlePartitionTimeout, Duration dedupRetention, boolean bounded, Tallies tallies) {
        this.env = env;
        this.bootstrapServers = bootstrapServers;
        this.watermarkDelay = watermarkDelay;
        this.idlePartitionTimeout = idlePartitionTimeout;
        this.dedupRetention = dedupRetention;
        this.bounded = bounded;
        this.tallies = tallies;
    }

    /** Each distinct valid event of {@code topic} once, with event-time timestamps and watermarks. */
    public <T extends TimedEvent> DataStream<T> distinctEvents(Topic topic, Class<T> type, Validator<T> validator) {
        return read(topic, type, validator).all();
    }

    /** Each distinct valid event of {@code topic} once, also split by whether it came in its partition's order. */
    public <T extends TimedEvent> Distinct<T> read(Topic topic, Class<T> type, Validator<T> validator) {
        String name = topic.topicName();
        KafkaSourceBuilder<Checked<T>> builder = KafkaSource.<Checked<T>>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(name)
                .setGroupId(GROUP_ID)
                .setClientIdPrefix(GROUP_ID + "-" + name)
                // without restored state: the whole log, as a Kappa replay would
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new Validating<>(validator, type));
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        Duration delay = watermarkDelay; // the lambdas are serialized: they must not capture this
        Duration idleTimeout = idlePartitionTimeout;
        // idleness is the generator's own (caught up, then silent), not withIdleness (silent only)
        WatermarkStrategy<Checked<T>> watermarks = WatermarkStrategy
                .<Checked<T>>forGenerator(ctx -> new EventTimeBehindMax<T>(delay, idleTimeout,
                        ctx.getInputActivityClock(), System::currentTimeMillis))
                .withTimestampAssigner((checked, kafkaTimestamp) -> checked.event == null ? Long.MIN_VALUE
                        : checked.event.eventTs());
        SingleOutputStreamOperator<Checked<T>> valid = env
                .fromSource(builder.build(), watermarks, "kafka " + name).uid(name + "-source")
                .transform(name + " resumed watermark", Checked.typeOf(type), new ResumedWatermark<>())
                .uid(name + "-watermark")
                .process(new PartitionOrder<T>(name, watermarkDelay.toMillis())).returns(Checked.typeOf(type))
                .name(name + " rejected, behind").uid(name + "-partition-order");
        OutputTag<T> inOrder = new OutputTag<>(name + "-in-order", TypeInformation.of(type));
        OutputTag<T> behind = new OutputTag<>(name + "-behind", TypeInformation.of(type));
        SingleOutputStreamOperator<T> distinct = valid
                .keyBy(checked -> FirstByEventId.bucketOf(checked.event.eventId()), Types.INT)
                .process(new FirstByEventId<T>(name, dedupRetention, inOrder, behind)).returns(type)
                .name(name + " dedup by event_id").uid(name + "-dedup-buckets");
        tallies.add(valid.getSideOutput(Tallies.TAG));
        tallies.add(distinct.getSideOutput(Tallies.TAG));
        return new Distinct<>(distinct, distinct.getSideOutput(inOrder), distinct.getSideOutput(behind));
    }

    /** Validates each record as it is read, so that the watermark can use the event time. */
    private static final class Validating<T> implements KafkaRecordDeserializationSchema<Checked<T>> {
        private static final long serialVersionUID = 1L;
        private final Validator<T> validator;
        private final Class<T> type;

        Validating(Validator<T> validator, Class<T> type) {
            this.validator = validator;
            this.type = type;
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Checked<T>> out) {
            Checked<T> checked = validator.check(record.value());
            checked.partition = record.partition();
            checked.kafkaTimestamp = record.timestamp();
            out.collect(checked);
        }

        @Override
        public TypeInformation<Checked<T>> getProducedType() {
            return Checked.typeOf(type);
        }
    }
}
