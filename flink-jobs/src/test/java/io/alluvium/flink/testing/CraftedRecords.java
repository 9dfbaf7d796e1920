package io.alluvium.flink.testing;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.domain.Topic;
import io.alluvium.runtime.KafkaEndpoints;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends hand-written records to partition 0 of a topic, each acknowledged before the next, so that the
 * log holds them in the order the test wrote them (which events are late follows from that order).
 */
public final class CraftedRecords implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;

    public CraftedRecords(AlluviumConfig config) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaEndpoints.bootstrapServers(config));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public void send(Topic topic, String payload) {
        send(topic, 0, payload);
    }

    /** Sends to the given partition of the topic, acknowledged before it returns. */
    public void send(Topic topic, int partition, String payload) {
        try {
            producer.send(new ProducerRecord<>(topic.topicName(), partition, null,
                    payload.getBytes(StandardCharsets.UTF_8))).get();
        } catch (Exception e) {
            throw new IllegalStateException("send failed", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
