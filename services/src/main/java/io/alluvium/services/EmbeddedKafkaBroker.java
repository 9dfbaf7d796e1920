package io.alluvium.services;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.domain.Topic;
import io.alluvium.runtime.DataDir;
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
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Kafka log: a single-node KRaft broker in this JVM. Its storage is formatted once under
 * {@code <data.dir>/kafka} (the cluster id then lives in the log dir's meta.properties), so a restart
 * keeps every topic and offset. Once it accepts connections it creates the platform's topics if missing.
 */
public final class EmbeddedKafkaBroker implements EmbeddedService {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final Path home;
    private final KafkaBrokerConfig config;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile KafkaRaftServer server;

    public EmbeddedKafkaBroker(Path home, int port, int controllerPort, int partitions) {
        this.home = home.toAbsolutePath();
        this.config = new KafkaBrokerConfig(this.home.resolve("log"), port, controllerPort, partitions);
    }

    public static EmbeddedKafkaBroker of(AlluviumConfig settings) {
        return new EmbeddedKafkaBroker(DataDir.of(settings).kafka(),
                settings.getInt(AlluviumSettings.KAFKA_PORT),
                settings.getInt(AlluviumSettings.KAFKA_CONTROLLER_PORT),
                settings.getInt(AlluviumSettings.KAFKA_PARTITIONS));
    }

    public String bootstrapServers() {
        return config.bootstrapServers();
    }

    /** Formats storage on first use, starts the broker, creates missing topics; returns the bootstrap servers. */
    @Override
    public String start() throws IOException, InterruptedException, ExecutionException {
        LocalPort.requireFree(config.port(), AlluviumSettings.KAFKA_PORT);
        LocalPort.requireFree(config.controllerPort(), AlluviumSettings.KAFKA_CONTROLLER_PORT);
        Path serverProperties = writeServerProperties();
        formatOnce(serverProperties);
        KafkaRaftServer raftServer = new KafkaRaftServer(KafkaConfig.fromProps(config.toProperties(), false),
                Time.SYSTEM);
        server = raftServer;
        raftServer.startup();
        createMissingTopics();
        LOG.info("Kafka broker ready on {} (data in {})", bootstrapServers(), home);
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

    /** Formats the log dir with a new cluster id unless it already holds one: data survives restarts. */
    private void formatOnce(Path serverProperties) {
        if (Files.exists(config.logDir().resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int code;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            code = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(),
                "-c", serverProperties.toString()}, print);
        }
        String text = output.toString(StandardCharsets.UTF_8).trim();
        if (code != 0) {
            throw new IllegalStateException("cannot format Kafka storage in " + config.logDir() + ": " + text);
        }
        LOG.info("Formatted Kafka storage: {}", text);
    }

    private void createMissingTopics() throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (Topic topic : Topic.values()) {
                if (!existing.contains(topic.topicName())) {
                    missing.add(new NewTopic(topic.topicName(), config.partitions(), (short) 1));
                }
            }
            if (!missing.isEmpty()) {
                create(admin, missing);
            }
            awaitLeaders(admin);
        }
    }

    private void create(Admin admin, List<NewTopic> missing) throws InterruptedException, ExecutionException {
        {
            try {
                admin.createTopics(missing).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            LOG.info("Created topics {} with {} partitions", missing.stream().map(NewTopic::name).toList(),
                    config.partitions());
        }
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
            LOG.info("Stopping Kafka broker on {}", bootstrapServers());
            s.shutdown();
            s.awaitShutdown();
        }
    }
}
