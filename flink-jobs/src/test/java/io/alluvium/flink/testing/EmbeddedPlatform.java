package io.alluvium.flink.testing;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.ChildJvm;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.RunningJob;
import io.alluvium.runtime.ServiceJvm;
import io.alluvium.runtime.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real services a stream test needs, started as the CLI starts them: the Kafka broker (which
 * creates the three topics) and either the catalog's PostgreSQL (landing) or the serving store's
 * redis-server (realtime), each a child JVM of the services module, on free ports, with all state under
 * the test's own data directory. How each is started is {@link ServiceJvm}'s, as for {@code alluvium up}.
 */
public final class EmbeddedPlatform implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final AlluviumConfig config;
    private final ServiceProcess broker;
    private final ServiceProcess database;
    private final ServiceProcess serving;

    private EmbeddedPlatform(AlluviumConfig config) {
        this.config = config;
        DataDir dataDir = DataDir.of(config).create();
        this.broker = ServiceJvm.KAFKA_BROKER.process(dataDir);
        this.database = ServiceJvm.CATALOG_DATABASE.process(dataDir);
        this.serving = ServiceJvm.SERVING_STORE.process(dataDir);
    }

    /** Starts both services; {@code settings} are added to the test defaults (e.g. checkpoint interval). */
    public static EmbeddedPlatform start(Path dataDir, Map<String, String> settings) {
        return start(dataDir, settings, false);
    }

    /** The broker and the serving store's redis-server (no catalog): what the realtime job needs. */
    public static EmbeddedPlatform startWithServingStore(Path dataDir, Map<String, String> settings) {
        return start(dataDir, settings, true);
    }

    private static EmbeddedPlatform start(Path dataDir, Map<String, String> settings, boolean servingStore) {
        AlluviumConfig config = AlluviumConfig.defaults()
                .with(Map.of("data.dir", dataDir.toString(),
                        "kafka.port", Integer.toString(freePort()),
                        "kafka.controller-port", Integer.toString(freePort()),
                        "kafka.partitions", "3",
                        "kafka.heap", "384m",
                        "catalog.postgres-port", Integer.toString(freePort()),
                        "serving.port", Integer.toString(freePort())), "test")
                .with(settings, "test");
        EmbeddedPlatform platform = new EmbeddedPlatform(config);
        try {
            if (servingStore) {
                platform.startServingStore();
            } else {
                platform.database.start(ServiceJvm.CATALOG_DATABASE.jvm(config), config, START_TIMEOUT);
            }
            platform.broker.start(ServiceJvm.KAFKA_BROKER.jvm(config), config, START_TIMEOUT);
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
        return platform;
    }

    /** Starts the serving store's redis-server (again: its append-only file brings its data back). */
    public void startServingStore() {
        serving.start(ServiceJvm.SERVING_STORE.jvm(config), config, START_TIMEOUT);
    }

    /**
     * Kills the serving store's redis-server with SIGKILL, as a crash would; the JVM that started it sees
     * it die and exits.
     */
    public void killRedisServer() throws Exception {
        ProcessHandle host = serving.running().orElseThrow(() -> new IllegalStateException("no serving store"));
        List<ProcessHandle> redis = host.descendants().toList();
        if (redis.isEmpty()) {
            throw new IllegalStateException("the serving store's JVM " + host.pid() + " has no redis-server child");
        }
        redis.forEach(ProcessHandle::destroyForcibly);
        host.onExit().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Starts a job of this module as the CLI does: a child JVM on the module's build, with these settings. */
    public RunningJob startJob(String name, Class<?> mainClass, String... args) {
        return startJob(name, mainClass, Map.of(), args);
    }

    /** As {@link #startJob(String, Class, String...)}, with {@code settings} over the platform's. */
    public RunningJob startJob(String name, Class<?> mainClass, Map<String, String> settings, String... args) {
        AlluviumConfig jobConfig = config.with(settings, "test");
        return RunningJob.start(new ChildJvm(name, "flink-jobs", mainClass.getName(),
                jobConfig.getMemory(AlluviumSettings.FLINK_HEAP), List.of(args)), jobConfig);
    }

    public AlluviumConfig config() {
        return config;
    }

    @Override
    public void close() {
        broker.stop(Duration.ofSeconds(30));
        database.stop(Duration.ofSeconds(30));
        serving.stop(Duration.ofSeconds(30));
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
