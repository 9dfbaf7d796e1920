package io.alluvium.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.cli.Console;
import io.alluvium.runtime.ServiceJvm;
import io.alluvium.cli.platform.Platform;
import io.alluvium.cli.serving.ServingCommandsTest;
import io.alluvium.cli.serving.ServingCommandsTest.Result;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.config.ConfigDef.RawValue;
import io.alluvium.domain.ServingKeys;
import io.alluvium.domain.StreamJob;
import io.alluvium.domain.Topic;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.KafkaEndpoints;
import io.alluvium.runtime.ServingEndpoint;
import io.alluvium.runtime.ServingStoreConnections;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;

/**
 * {@code alluvium doctor --only kafka,streaming} against a real broker and a real redis-server, started as
 * {@code alluvium up} starts them (docs/doctor.md): a topic where one key is 60% of the records is flagged for its
 * hot partition and its hot key, an evenly keyed topic is not; the landing group 4,000 records behind is a note and
 * the realtime group that never ran is not mentioned; too-late events are a warning from 0.1% of a stream's valid
 * events; a failed checkpoint in the landing job's history is a warning; a broker that does not answer is a finding,
 * not a stack trace.
 */
class DoctorPlatformChecksTest {
    private static final int PARTITIONS = 4;
    private static final int CLICKS = 4_000;
    private static final int HOT = 2_400;
    private static final int ORDERS = 2_000;

    @TempDir
    static Path dir;

    private static Map<String, String> settings;
    private static Platform platform;
    private static AlluviumConfig config;

    @BeforeAll
    static void aSkewedLogAndATallyOfLateEvents() throws Exception {
        settings = new LinkedHashMap<>();
        settings.put(AlluviumSettings.DATA_DIR, dir.resolve("data").toString());
        settings.put(AlluviumSettings.KAFKA_PORT, Integer.toString(ServingCommandsTest.freePort()));
        settings.put(AlluviumSettings.KAFKA_CONTROLLER_PORT, Integer.toString(ServingCommandsTest.freePort()));
        settings.put(AlluviumSettings.KAFKA_PARTITIONS, Integer.toString(PARTITIONS)); // the broker creates the topics
        settings.put(AlluviumSettings.SERVING_PORT, Integer.toString(ServingCommandsTest.freePort()));
        Map<String, RawValue> raw = new LinkedHashMap<>();
        settings.forEach((k, v) -> raw.put(k, new RawValue(v, "test")));
        config = AlluviumConfig.of(raw);
        platform = new Platform(config);
        platform.up(quiet(), service -> !service.name().equals(ServiceJvm.CATALOG_DATABASE.processName()));

        String bootstrap = KafkaEndpoints.bootstrapServers(config);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                for (int i = 0; i < CLICKS; i++) {
                    String user = i % 5 < 3 ? "u-hot" : "u-" + i; // 3 of every 5 records: 2,400 of 4,000
                    producer.send(record(Topic.CLICKSTREAM, user));
                }
                for (int i = 0; i < ORDERS; i++) {
                    producer.send(record(Topic.ORDERS, "o-" + i));
                }
            }
            // landing read every order and no click; the realtime job never ran
            Map<TopicPartition, OffsetAndMetadata> landed = new HashMap<>();
            admin.listOffsets(ordersPartitions()).all().get()
                    .forEach((tp, end) -> landed.put(tp, new OffsetAndMetadata(end.offset())));
            admin.alterConsumerGroupOffsets(StreamJob.LANDING.consumerGroup(), landed).all().get();
        }
        // the landing job's history as it records it: a failed checkpoint among completed ones
        Path landing = DataDir.of(config).streamState(StreamJob.LANDING);
        Files.createDirectories(landing);
        Files.write(landing.resolve(DataDir.CHECKPOINT_HISTORY), List.of(
                "{\"ended_ms\":1,\"checkpoint\":1,\"status\":\"COMPLETED\",\"duration_ms\":120,"
                        + "\"checkpointed_bytes\":9000,\"full_bytes\":9000}",
                "{\"ended_ms\":2,\"checkpoint\":2,\"status\":\"FAILED\",\"duration_ms\":600000,"
                        + "\"checkpointed_bytes\":0,\"full_bytes\":0}"));
        try (JedisPooled store = ServingStoreConnections.pool(ServingEndpoint.of(config), "alluvium-test", 1)) {
            store.hset(ServingKeys.counts("clickstream"), Map.of("valid", "1000", "too_late", "5"));
            store.hset(ServingKeys.counts("orders"), Map.of("valid", "10000", "too_late", "1"));
            store.hset(ServingKeys.counts("payments"), Map.of("valid", "2000", "too_late", "20"));
        }
    }

    @AfterAll
    static void down() {
        if (platform != null) {
            platform.down(quiet());
        }
    }

    @Test
    void hotKeysLagAndLateEventsAreFlaggedWithTheirNumbers() throws Exception {
        Result r = ServingCommandsTest.run(settings, "doctor", "--only", "kafka,streaming", "--json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        JsonNode doc = Console.JSON.readTree(r.out());
        assertThat(doc.path("healthy").asBoolean()).as(r.toString()).isFalse();
        List<JsonNode> findings = new ArrayList<>();
        doc.path("findings").forEach(findings::add);

        assertThat(findings).filteredOn(f -> f.path("subject").asText().equals("orders"))
                .extracting(f -> f.path("check").asText()).as("evenly keyed").containsExactly("too-late");
        JsonNode imbalance = only(findings, "partition-imbalance", "clickstream");
        assertThat(imbalance.path("severity").asText()).isEqualTo("WARNING");
        assertThat(imbalance.path("evidence").asText()).containsPattern(
                "partition \\d holds 2,[4-9]\\d\\d of 4,000 records \\(max/mean 2\\.[4-9]\\d\\); bytes max/mean 2\\.");
        JsonNode hot = only(findings, "hot-key", "clickstream");
        assertThat(hot.path("evidence").asText()).as("2,400 of 4,000 records, estimated from a sample").matches(
                "user_id \"u-hot\" is ~(5[7-9]|6[0-3])% of the topic's 4,000 records \\(estimated from the newest 1,000"
                        + " of each partition\\)");
        assertThat(hot.path("threshold").asText()).isEqualTo("one key > an even partition's share (1/4 = 25.0%)");

        JsonNode lag = only(findings, "consumer-lag", StreamJob.LANDING.consumerGroup());
        assertThat(lag.path("severity").asText()).as("under 10,000 records: a note").isEqualTo("INFO");
        assertThat(lag.path("evidence").asText())
                .isEqualTo("4,000 records in Kafka not yet consumed by the landing job (clickstream 4,000)");
        assertThat(lag.path("fix").asText()).isEqualTo("alluvium stream start landing --until-caught-up");
        assertThat(findings).filteredOn(f -> f.path("subject").asText().equals(StreamJob.REALTIME.consumerGroup()))
                .as("a job that never ran is not behind").isEmpty();

        JsonNode late = only(findings, "too-late", "clickstream");
        assertThat(late.path("severity").asText()).isEqualTo("WARNING");
        assertThat(late.path("evidence").asText()).isEqualTo("5 of 1,000 valid events (0.50%) came after their window closed");
        assertThat(only(findings, "too-late", "orders").path("severity").asText()).isEqualTo("INFO");
        JsonNode unscreened = only(findings, "too-late", "payments");
        assertThat(unscreened.path("evidence").asText())
                .isEqualTo("20 of 2,000 valid events (1.00%) came after the watermark had passed them");
        assertThat(unscreened.path("why").asText()).contains("never screened");
        assertThat(unscreened.path("fix").asText()).startsWith("raise realtime.watermark-delay (now 5m)");
        assertThat(only(findings, "checkpoint-failures", "landing job").path("evidence").asText())
                .isEqualTo("1 of the newest 2 checkpoints failed");
        assertThat(findings).extracting(f -> f.path("check").asText()).containsOnly("partition-imbalance", "hot-key",
                "consumer-lag", "too-late", "checkpoint-failures");

        Result shown = ServingCommandsTest.run(settings, "doctor", "--only", "kafka");
        assertThat(shown.exitCode()).isEqualTo(1);
        assertThat(shown.out()).contains("| WARNING  | clickstream ", "| hot-key ").doesNotContain("too-late");
        assertThat(shown.out()).contains("  why: all records of a key go to one partition")
                .contains("2 finding(s) at warning level or above in kafka; ");
    }

    @Test
    void aBrokerThatDoesNotAnswerIsAFinding() throws Exception {
        Map<String, String> away = new LinkedHashMap<>(settings);
        away.put(AlluviumSettings.KAFKA_BOOTSTRAP, "127.0.0.1:9");
        Result r = ServingCommandsTest.run(away, "doctor", "--only", "kafka", "--json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        JsonNode finding = Console.JSON.readTree(r.out()).at("/findings/0");
        assertThat(finding.path("check").asText()).isEqualTo("unreachable");
        assertThat(finding.path("evidence").asText()).startsWith("cannot reach Kafka at 127.0.0.1:9");
        assertThat(r.err()).doesNotContain("Exception");
    }

    @Test
    void onlyRefusesAnAreaItDoesNotKnow() {
        Result r = ServingCommandsTest.run(settings, "doctor", "--only", "kafka,plumbing");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--only").contains("but was 'plumbing'").doesNotContain("Exception");
    }

    private static JsonNode only(List<JsonNode> findings, String check, String subject) {
        List<JsonNode> found = findings.stream().filter(f -> f.path("check").asText().equals(check)
                && f.path("subject").asText().equals(subject)).toList();
        assertThat(found).as(check + " " + subject + " in " + findings).hasSize(1);
        return found.get(0);
    }

    private static ProducerRecord<byte[], byte[]> record(Topic topic, String key) {
        return new ProducerRecord<>(topic.topicName(), key.getBytes(StandardCharsets.UTF_8),
                ("{\"" + topic.keyField() + "\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static Map<TopicPartition, OffsetSpec> ordersPartitions() {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            request.put(new TopicPartition(Topic.ORDERS.topicName(), p), OffsetSpec.latest());
        }
        return request;
    }

    private static Console quiet() {
        return new Console(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false);
    }
}
