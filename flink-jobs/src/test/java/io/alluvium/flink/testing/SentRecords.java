package io.alluvium.flink.testing;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.domain.Topic;
import io.alluvium.runtime.KafkaEndpoints;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A plain Kafka producer that remembers every record the broker acknowledged with the offset it got:
 * the ground truth a landing test reconciles Bronze against. Every tenth record is not JSON (truncated
 * objects, plain text, an empty value), as a broken producer would send; a few have no key.
 */
public final class SentRecords implements AutoCloseable {

    /** One acknowledged record. */
    public record Sent(String topic, int partition, long offset, String key, String payload) {
    }

    private final KafkaProducer<byte[], byte[]> producer;
    private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    private long sequence;

    public SentRecords(AlluviumConfig config) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaEndpoints.bootstrapServers(config));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends {@code count} records round-robin over the three topics and waits for every ack. */
    public void send(int count) throws InterruptedException, ExecutionException {
        List<Future<RecordMetadata>> acks = new ArrayList<>(count);
        List<String[]> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long n = sequence++;
            Topic topic = Topic.values()[(int) (n % Topic.values().length)];
            String key = n % 50 == 7 ? null : "k-" + (n % 97);
            String payload = payload(n);
            records.add(new String[] {topic.topicName(), key, payload});
            acks.add(producer.send(new ProducerRecord<>(topic.topicName(), bytes(key), bytes(payload))));
        }
        producer.flush();
        for (int i = 0; i < count; i++) {
            RecordMetadata m = acks.get(i).get();
            String[] r = records.get(i);
            sent.add(new Sent(r[0], m.partition(), m.offset(), r[1], r[2]));
        }
    }

    private static String payload(long n) {
        return switch ((int) (n % 10)) {
            case 3 -> "{\"event_id\": \"e-" + n + "\", \"amount\": 12.5";      // truncated object
            case 6 -> "not json at all, record " + n + " — ünïcode ✓";        // plain text
            case 9 -> n % 20 == 9 ? "" : "[" + n + "]";                           // empty value, JSON array
            default -> "{\"event_id\":\"e-" + n + "\",\"amount\":" + (n % 1000) / 10.0 + "}";
        };
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    public List<Sent> all() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
