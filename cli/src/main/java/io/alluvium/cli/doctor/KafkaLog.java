package io.alluvium.cli.doctor;

import io.alluvium.domain.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the doctor measures of the Kafka log, read from the brokers: each partition's records (between its first kept
 * and its next offset) and bytes on disk, the keys of its newest records, and the positions a consumer group has
 * committed. {@link KafkaChecks} judges them.
 */
final class KafkaLog implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** One partition of a topic: its records, its bytes on the leader's disk, and where its log ends. */
    record Partition(int partition, long earliest, long latest, long bytes) {
        long records() {
            return latest - earliest;
        }
    }

    private final Admin admin;
    private final String bootstrapServers;

    KafkaLog(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "alluvium-doctor");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        this.admin = Admin.create(props);
        this.bootstrapServers = bootstrapServers;
    }

    /** The platform's topics that exist, each with its partitions in order. */
    Map<Topic, List<Partition>> topics() {
        List<String> names = Arrays.stream(Topic.values()).map(Topic::topicName).toList();
        Map<String, TopicDescription> described = new HashMap<>();
        admin.describeTopics(names).topicNameValues().forEach((name, future) -> {
            try {
                described.put(name, future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            } catch (ExecutionException e) {
                // a topic not created yet (nothing generated): nothing to examine
            } catch (InterruptedException | TimeoutException e) {
                throw unanswered(e);
            }
        });
        Map<TopicPartition, Long> earliest = offsets(described, OffsetSpec.earliest());
        Map<TopicPartition, Long> latest = offsets(described, OffsetSpec.latest());
        Map<TopicPartition, Long> bytes = bytesOnDisk();
        Map<Topic, List<Partition>> topics = new EnumMap<>(Topic.class);
        for (TopicDescription d : described.values()) {
            List<Partition> partitions = new ArrayList<>();
            d.partitions().forEach(p -> {
                TopicPartition tp = new TopicPartition(d.name(), p.partition());
                partitions.add(new Partition(p.partition(), earliest.get(tp), latest.get(tp), bytes.getOrDefault(tp, 0L)));
            });
            topics.put(Topic.fromName(d.name()), partitions);
        }
        return topics;
    }

    /**
     * How often each key occurs among the newest {@code perPartition} records of each partition of {@code topic}, by
     * partition (records without a key are not counted).
     */
    Map<Integer, Map<String, Long>> newestKeys(Topic topic, List<Partition> partitions, int perPartition) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "alluvium-doctor-keys");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<Integer, Map<String, Long>> keys = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            Map<TopicPartition, Long> end = new HashMap<>();
            for (Partition p : partitions) {
                end.put(new TopicPartition(topic.topicName(), p.partition()), p.latest());
            }
            consumer.assign(end.keySet());
            for (Partition p : partitions) {
                consumer.seek(new TopicPartition(topic.topicName(), p.partition()),
                        Math.max(p.earliest(), p.latest() - perPartition));
            }
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!end.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null) {
                        keys.computeIfAbsent(r.partition(), p -> new HashMap<>())
                                .merge(new String(r.key(), StandardCharsets.UTF_8), 1L, Long::sum);
                    }
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
                consumer.pause(consumer.assignment().stream().filter(tp -> !end.containsKey(tp)).toList());
            }
        }
        return keys;
    }

    /** The positions {@code group} has committed, by partition; empty for a group that never committed. */
    Map<TopicPartition, Long> committed(String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> positions = new HashMap<>();
            offsets.forEach((tp, o) -> {
                if (o != null) {
                    positions.put(tp, o.offset());
                }
            });
            return positions;
        } catch (ExecutionException | InterruptedException | TimeoutException e) {
            throw unanswered(e);
        }
    }

    private Map<TopicPartition, Long> offsets(Map<String, TopicDescription> described, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        described.values().forEach(d -> d.partitions().forEach(
                p -> request.put(new TopicPartition(d.name(), p.partition()), spec)));
        try {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listOffsets(request).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((tp, info) -> offsets.put(tp, info.offset()));
            return offsets;
        } catch (ExecutionException | InterruptedException | TimeoutException e) {
            throw unanswered(e);
        }
    }

    /** Each partition's size on disk, the largest of its replicas (they hold the same log). */
    private Map<TopicPartition, Long> bytesOnDisk() {
        try {
            List<Integer> brokers = admin.describeCluster().nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .stream().map(Node::id).toList();
            Map<TopicPartition, Long> bytes = new HashMap<>();
            for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers).allDescriptions()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).values()) {
                for (LogDirDescription dir : dirs.values()) {
                    for (Map.Entry<TopicPartition, ReplicaInfo> replica : dir.replicaInfos().entrySet()) {
                        bytes.merge(replica.getKey(), replica.getValue().size(), Math::max);
                    }
                }
            }
            return bytes;
        } catch (ExecutionException | InterruptedException | TimeoutException e) {
            throw unanswered(e);
        }
    }

    private IllegalStateException unanswered(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return new IllegalStateException("Kafka at " + bootstrapServers + " did not answer: "
                + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), cause);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
