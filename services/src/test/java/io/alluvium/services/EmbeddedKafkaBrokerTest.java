package io.alluvium.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alluvium.domain.Topic;
import io.alluvium.runtime.EmbeddedKafka;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {
    private static final int RECORDS = 2_000;
    private static final int PARTITIONS = 3;

    @TempDir
    Path home;

    @Test
    void createsTopicsAndKeepsRecordsAcrossARestart() throws Exception {
        int port = FreePort.next();
        int controllerPort = FreePort.next();
        long sentSum;
        try (EmbeddedKafkaBroker broker = broker(port, controllerPort, PARTITIONS)) {
            assertThat(broker.start()).isEqualTo("127.0.0.1:" + port);
            assertThat(partitionsOf(broker.bootstrapServers())).containsOnly(
                    Map.entry("clickstream", PARTITIONS), Map.entry("orders", PARTITIONS),
                    Map.entry("payments", PARTITIONS));
            sentSum = produce(broker.bootstrapServers());
            assertThat(consumeSum(broker.bootstrapServers())).isEqualTo(new long[] {RECORDS, sentSum});
        }
        try (EmbeddedKafkaBroker again = broker(port, controllerPort, PARTITIONS)) {
            again.start();
            assertThat(consumeSum(again.bootstrapServers())).isEqualTo(new long[] {RECORDS, sentSum});
        }
    }

    @Test
    void aPortInUseIsAClearMessageNamingTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             EmbeddedKafkaBroker broker = broker(taken.getLocalPort(), FreePort.next(), 1)) {
            assertThatThrownBy(broker::start)
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("port " + taken.getLocalPort())
                    .hasMessageContaining("kafka.port");
        }
    }

    /** The single broker, node 1 of one. */
    private EmbeddedKafkaBroker broker(int port, int controllerPort, int partitions) {
        return new EmbeddedKafkaBroker(home, new KafkaClusterId(home.resolve("cluster.id")),
                new EmbeddedKafka(List.of(new EmbeddedKafka.Node(1, port, controllerPort))), 1, partitions);
    }

    private static Map<String, Integer> partitionsOf(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<String> names = Arrays.stream(Topic.values()).map(Topic::topicName).toList();
            return admin.describeTopics(names).allTopicNames().get().values().stream()
                    .collect(Collectors.toMap(TopicDescription::name, d -> d.partitions().size()));
        }
    }

    /** Sends values 1..RECORDS with acks=all; returns their sum. */
    private static long produce(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        long sum = 0;
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            Future<RecordMetadata> last = null;
            for (int i = 1; i <= RECORDS; i++) {
                last = producer.send(new ProducerRecord<>("clickstream", "u-" + (i % 17), Integer.toString(i)));
                sum += i;
            }
            producer.flush();
            last.get();
        }
        return sum;
    }

    /** Reads clickstream from the beginning: {count, sum of values}. */
    private static long[] consumeSum(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("clickstream").stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long count = 0;
            long sum = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    count++;
                    sum += Long.parseLong(r.value());
                }
            }
            return new long[] {count, sum};
        }
    }
}
