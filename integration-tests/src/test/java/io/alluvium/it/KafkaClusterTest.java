package io.alluvium.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.domain.Topic;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.ServiceJvm;
import io.alluvium.runtime.ServiceProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka on a real three-node KRaft cluster (docs/deploy.md#kafka-on-three-nodes): {@code alluvium up} with
 * {@code kafka.nodes=3} starts three combined broker and controller nodes, each a JVM of its own, which
 * {@code status} shows with their role and health; every topic has three replicas and min.insync.replicas 2. While
 * {@code alluvium generate} (a process of its own, acks=all and idempotent) sends, the controller quorum's leader is
 * killed with SIGKILL; the generator still has every record acknowledged, and after landing, every acknowledged
 * record is in Bronze exactly once (invariant 1, docs/architecture.md#invariants, through {@code alluvium
 * reconcile}). The platform starts once for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaClusterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int NODES = 3;
    private static final int PARTITIONS = 4;
    private static final int EVENTS = 200_000;
    /** Events per second: the run lasts about 20 s, long enough to lose a node in the middle of it. */
    private static final int RATE = 10_000;

    @TempDir
    static Path dataDir;

    private CliRun cli;
    private int port;
    private Admin admin;

    @BeforeAll
    void up() {
        port = freePortBlock(2 * NODES);
        cli = new CliRun(dataDir, Map.of(AlluviumSettings.KAFKA_NODES, Integer.toString(NODES),
                AlluviumSettings.KAFKA_PORT, Integer.toString(port),
                AlluviumSettings.KAFKA_CONTROLLER_PORT, Integer.toString(port + 1),
                AlluviumSettings.KAFKA_PARTITIONS, Integer.toString(PARTITIONS)));
        CliRun.Result up = cli.run("up");
        assertThat(up.exitCode()).as(up.toString()).isZero();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port + ",127.0.0.1:"
                + (port + 2) + ",127.0.0.1:" + (port + 4)));
    }

    @AfterAll
    void down() {
        if (admin != null) {
            admin.close();
        }
        if (cli != null) {
            cli.run("down");
        }
    }

    @Test
    @Order(1)
    void upStartsThreeNodesThatStatusShowsInSync() {
        Map<String, JsonNode> nodes = kafkaNodes(cli.run("status", "--json"));
        assertThat(nodes).hasSize(NODES);
        for (int n = 1; n <= NODES; n++) {
            JsonNode node = nodes.get("kafka-broker-" + n);
            assertThat(node.path("state").asText()).isEqualTo("running");
            assertThat(node.path("port").asInt()).isEqualTo(port + 2 * (n - 1));
            assertThat(node.path("health").asText()).startsWith("broker+controller")
                    .contains("registered, in sync on 12 of 12 partitions");
        }
        assertThat(nodes.values()).filteredOn(n -> n.path("health").asText().contains("(quorum leader)")).hasSize(1);
    }

    @Test
    @Order(2)
    void everyTopicHasThreeReplicasAndMinInsyncTwo() throws Exception {
        List<String> names = Arrays.stream(Topic.values()).map(Topic::topicName).toList();
        for (TopicDescription topic : admin.describeTopics(names).allTopicNames().get().values()) {
            assertThat(topic.partitions()).hasSize(PARTITIONS)
                    .allSatisfy(p -> assertThat(p.replicas()).as(topic.name()).hasSize(3));
        }
        List<ConfigResource> topics = names.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        assertThat(admin.describeConfigs(topics).all().get().values())
                .allSatisfy(c -> assertThat(c.get("min.insync.replicas").value()).isEqualTo("2"));
        Config broker = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.BROKER, "2")))
                .all().get().values().iterator().next();
        assertThat(broker.get("offsets.topic.replication.factor").value()).isEqualTo("3");
        assertThat(broker.get("transaction.state.log.replication.factor").value()).isEqualTo("3");
        assertThat(broker.get("transaction.state.log.min.isr").value()).isEqualTo("2");
    }

    @Test
    @Order(3)
    void theGeneratorRidesOverANodeKilledWhileItSends() throws Exception {
        Path output = dataDir.resolve("generate");
        Process generate = cli.spawn(output, "generate", "--events", Integer.toString(EVENTS),
                "--rate", Integer.toString(RATE), "--json");
        long beforeKill = Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(this::recordsInTopics, records -> records >= EVENTS / 10);
        int leader = admin.describeMetadataQuorum().quorumInfo().get().leaderId();
        String killed = ServiceJvm.KAFKA_BROKER.processName(leader);
        new ServiceProcess(killed, DataDir.of(cli.config())).running().orElseThrow().destroyForcibly(); // SIGKILL

        assertThat(generate.waitFor(3, TimeUnit.MINUTES)).as("generate ends").isTrue();
        String err = Files.readString(output.resolveSibling("generate.err"));
        assertThat(generate.exitValue()).as(err).isZero();
        JsonNode report = JSON.readTree(output.resolveSibling("generate.out").toFile());
        assertThat(report.has("error")).as(report.toString()).isFalse();
        assertThat(beforeKill).as("the node was killed while the generator sent").isLessThan(sent(report));

        CliRun.Result status = cli.run("status", "--json");
        assertThat(status.exitCode()).as("a crashed node fails status").isEqualTo(1);
        assertThat(kafkaNodes(status).get(killed).path("state").asText()).isEqualTo("crashed");

        CliRun.Result up = cli.run("up");
        assertThat(up.exitCode()).as(up.toString()).isZero();
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(kafkaNodes(cli.run("status", "--json")).values())
                        .allSatisfy(n -> assertThat(n.path("health").asText())
                                .contains("in sync on 12 of 12 partitions")));
    }

    @Test
    @Order(4)
    void everyAcknowledgedRecordIsInBronzeExactlyOnce() throws Exception {
        CliRun.Result landing = cli.run("stream", "start", "landing", "--until-caught-up", "--json");
        assertThat(landing.exitCode()).as(landing.toString()).isZero();

        CliRun.Result reconcile = cli.run("reconcile", "--json");
        List<JsonNode> invariant1 = StreamSupport.stream(reconcile.json().path("checks").spliterator(), false)
                .filter(c -> c.path("invariant").asText().equals("1")).toList();
        assertThat(invariant1).as(reconcile.toString()).hasSize(6);
        assertThat(invariant1).allSatisfy(c -> assertThat(c.path("ok").asBoolean()).as(c.toString()).isTrue());
        long acknowledged = sent(JSON.readTree(dataDir.resolve("generate.out").toFile()));
        assertThat(invariant1.stream().filter(c -> c.path("check").asText().equals("bronze rows = bronze distinct offsets"))
                .mapToLong(c -> c.path("actual").asLong()).sum()).isEqualTo(acknowledged);
    }

    /** The rows of status that are Kafka nodes, by name. */
    private static Map<String, JsonNode> kafkaNodes(CliRun.Result status) {
        Map<String, JsonNode> nodes = new HashMap<>();
        status.json().path("services").forEach(s -> nodes.put(s.path("name").asText(), s));
        nodes.keySet().removeIf(name -> !name.startsWith(ServiceJvm.KAFKA_BROKER.processName() + "-"));
        return nodes;
    }

    /** Records the generator's report says were acknowledged, over the three topics. */
    private static long sent(JsonNode report) {
        return StreamSupport.stream(report.path("topics").spliterator(), false)
                .mapToLong(t -> t.path("sent").asLong()).sum();
    }

    /** Records in the platform's topics, as their partitions' end offsets say. */
    private long recordsInTopics() throws Exception {
        List<String> names = Arrays.stream(Topic.values()).map(Topic::topicName).toList();
        Map<TopicPartition, OffsetSpec> ends = admin.describeTopics(names).allTopicNames().get().values().stream()
                .flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition())))
                .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest()));
        return admin.listOffsets(ends).all().get().values().stream().mapToLong(o -> o.offset()).sum();
    }

    /** The first of {@code size} consecutive ports that are all free on 127.0.0.1. */
    private static int freePortBlock(int size) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = CliRun.freePort();
            if (first + size <= 65535 && IntStream.range(1, size).allMatch(i -> free(first + i))) {
                return first;
            }
        }
        throw new IllegalStateException("no " + size + " consecutive free ports");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
