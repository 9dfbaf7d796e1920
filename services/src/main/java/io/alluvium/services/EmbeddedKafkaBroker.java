package io.alluvium.services;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.domain.Topic;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.EmbeddedKafka;
import io.alluvium.runtime.EmbeddedService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Kafka log, or one node of it ({@link EmbeddedKafka}): a KRaft broker and controller in this JVM.
 * Its storage is formatted once under its home (the cluster id, shared by every node, then lives in the log dir's
 * meta.properties), so a restart keeps every topic and offset. Once every node of the cluster has registered, it
 * creates the platform's topics if missing, replicated on min(3, nodes) of them.
 */
public final class EmbeddedKafkaBroker implements EmbeddedService {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final long READY_TIMEOUT_SECONDS = 60;

    private final Path home;
    private final KafkaClusterId clusterId;
    private final KafkaBrokerConfig config;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile KafkaRaftServer server;

    /**
     * Node {@code nodeId} of {@code cluster}, keeping its storage under {@code home}; the cluster's id is kept in
     * {@code clusterId} for the nodes formatted after the first.
     */
    public EmbeddedKafkaBroker(Path home, KafkaClusterId clusterId, EmbeddedKafka cluster, int nodeId,
                               int partitions) {
        this.home = home.toAbsolutePath();
        this.clusterId = clusterId;
        this.config = new KafkaBrokerConfig(this.home.resolve("log"), cluster, cluster.node(nodeId), partitions);
    }

    /** Node {@code nodeId} of the settings' embedded Kafka. */
    public static EmbeddedKafkaBroker of(AlluviumConfig settings, int nodeId) {
        EmbeddedKafka cluster = EmbeddedKafka.of(settings);
        DataDir dataDir = DataDir.of(settings);
        return new EmbeddedKafkaBroker(cluster.home(dataDir, cluster.node(nodeId)), KafkaClusterId.in(dataDir),
                cluster, nodeId, settings.getInt(AlluviumSettings.KAFKA_PARTITIONS));
    }

    /** This node's client address. */
    public String bootstrapServers() {
        return config.bootstrapServers();
    }

    /**
     * Formats storage on first use, starts the node, and once every node has registered creates missing topics;
     * returns this node's address. The nodes of a cluster start together: none gets past its start alone, since
     * the quorum needs a majority of them.
     */
    @Override
    public String start() throws IOException, InterruptedException, ExecutionException {
        LocalPort.requireFree(config.node().port(), AlluviumSettings.KAFKA_PORT);
        LocalPort.requireFree(config.node().controllerPort(), AlluviumSettings.KAFKA_CONTROLLER_PORT);
        Path serverProperties = writeServerProperties();
        formatOnce(serverProperties);
        KafkaRaftServer raftServer = new KafkaRaftServer(KafkaConfig.fromProps(config.toProperties(), false),
                Time.SYSTEM);
        server = raftServer;
        raftServer.startup();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            awaitEveryNode(admin);
            createMissingTopics(admin);
        }
        LOG.info("Kafka broker (node {}) ready on {} (data in {})", config.node().id(), bootstrapServers(), home);
        return bootstrapServers();
    }

    private Path writeServerProperties() throws IOException {
        Files.createDirectories(config.logDir());
        Path file = home.resolve("server.properties");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            config.toProperties().store(w, "Embedded Alluvium broker (written at each start)");
        }
        return file;
    }

    /** Formats the log dir with the cluster's id unless it already holds one: data survives restarts. */
    private void formatOnce(Path serverProperties) {
        if (Files.exists(config.logDir().resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int code;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            code = StorageTool.execute(new String[] {"format", "-t", clusterId.get(),
                "-c", serverProperties.toString()}, print);
        }
        String text = output.toString(StandardCharsets.UTF_8).trim();
        if (code != 0) {
            throw new IllegalStateException("cannot format Kafka storage in " + config.logDir() + ": " + text);
        }
        LOG.info("Formatted Kafka storage: {}", text);
    }

    /** Topics are replicated over several nodes: they are created once every node of the cluster has registered. */
    private void awaitEveryNode(Admin admin) throws InterruptedException, ExecutionException {
        int expected = config.cluster().nodes().size();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
        while (admin.describeCluster().nodes().get().size() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("fewer than " + expected + " Kafka nodes registered "
                        + READY_TIMEOUT_SECONDS + " s after start (see the other nodes' logs)");
            }
            Thread.sleep(100);
        }
    }

    private void createMissingTopics(Admin admin) throws InterruptedException, ExecutionException {
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            if (!existing.contains(topic.topicName())) {
                missing.add(new NewTopic(topic.topicName(), config.partitions(),
                        config.cluster().replicationFactor()));
            }
        }
        if (!missing.isEmpty()) {
            create(admin, missing);
        }
        awaitLeaders(admin);
    }

    private void create(Admin admin, List<NewTopic> missing) throws InterruptedException, ExecutionException {
        try {
            admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        LOG.info("Created topics {} with {} partitions of {} replicas", missing.stream().map(NewTopic::name).toList(),
                config.partitions(), config.cluster().replicationFactor());
    }

    /** Ready means producers are not sent away: every partition of the platform's topics has a leader. */
    private static void awaitLeaders(Admin admin) throws InterruptedException, ExecutionException {
        List<String> names = Arrays.stream(Topic.values()).map(Topic::topicName).toList();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                boolean allLed = admin.describeTopics(names).allTopicNames().get().values().stream()
                        .flatMap(d -> d.partitions().stream()).allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                if (allLed) {
                    return;
                }
            } catch (ExecutionException e) {
                // Just after creation the metadata may not know the topics yet: not ready, not failed.
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("topic partitions have no leader 30 s after start");
    }

    @Override
    public void awaitStopped() {
        KafkaRaftServer s = server;
        if (s != null) {
            s.awaitShutdown();
        }
    }

    /** Controlled shutdown: the broker leaves the quorum cleanly and flushes its logs. */
    @Override
    public void close() {
        KafkaRaftServer s = server;
        if (s != null && closed.compareAndSet(false, true)) {
            LOG.info("Stopping Kafka broker (node {}) on {}", config.node().id(), bootstrapServers());
            s.shutdown();
            s.awaitShutdown();
        }
    }
}
