package io.alluvium.flink.bench;

import io.alluvium.runtime.ChildProtocol;
import java.time.Duration;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a {@link LogRange} with one plain {@link KafkaConsumer}, set up as the landing job's Kafka source
 * sets up its own (byte arrays, no auto commit, partitions assigned rather than subscribed, the client's
 * fetch defaults): the bench's baselines read the records the way the job does, minus the engine.
 */
final class RangeReader {
    /** A reader that sees nothing new for this long while records are missing fails, naming them. */
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    /** Where the records go. */
    interface RecordSink {
        void accept(ConsumerRecord<byte[], byte[]> record) throws Exception;

        /** Called after every poll: a chance to act on time (a commit every interval). */
        default void polled() throws Exception {
        }
    }

    private RangeReader() {
    }

    /**
     * Hands every record of {@code range} to {@code sink}, in partition order, and returns when the last
     * one has been handed over.
     *
     * @return the records handed over
     */
    static long drain(String bootstrapServers, String clientId, LogRange range, RecordSink sink,
            ChildProtocol out, String stage) throws Exception {
        long records = 0;
        long total = range.offsets();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings(bootstrapServers, clientId),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Set<TopicPartition> behind = new HashSet<>(range.partitions());
            consumer.assign(behind);
            behind.forEach(tp -> consumer.seek(tp, range.start(tp)));
            long lastRecord = System.nanoTime();
            long lastProgress = 0;
            while (!behind.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < range.end(tp)) {
                        sink.accept(record);
                        records++;
                        lastRecord = System.nanoTime();
                    }
                }
                sink.polled();
                // the position counts transaction markers too: a partition is done at its end offset
                behind.removeIf(tp -> consumer.position(tp) >= range.end(tp));
                if (System.nanoTime() - lastRecord > STALL_TIMEOUT.toNanos()) {
                    throw new IllegalStateException("no record of " + behind + " arrived for "
                            + STALL_TIMEOUT.toSeconds() + " s although the range ends further (" + records
                            + " of " + total + " offsets read)");
                }
                if (System.nanoTime() - lastProgress > PROGRESS_EVERY_NANOS) {
                    out.progress(stage, records, total);
                    lastProgress = System.nanoTime();
                }
            }
        }
        out.progress(stage, records, total);
        return records;
    }

    private static Properties settings(String bootstrapServers, String clientId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }
}
