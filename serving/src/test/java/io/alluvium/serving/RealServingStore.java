package io.alluvium.serving;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.ServiceJvm;
import io.alluvium.runtime.ServiceProcess;
import io.alluvium.runtime.ServingEndpoint;
import io.alluvium.runtime.ServingStoreConnections;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import redis.clients.jedis.JedisPooled;

/**
 * A real redis-server for a test class, started as {@code alluvium up} starts it ({@link ServiceJvm}: the
 * services module's {@code RedisServerMain} in a child JVM) on a free port, with a password, under the test's own data directory;
 * and a connection for the test to write the keys it then reads through the API.
 */
final class RealServingStore implements AutoCloseable {
    static final String PASSWORD = "test-pw-7f3a";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final AlluviumConfig config;
    private final ServiceProcess process;
    private final JedisPooled writer;

    private RealServingStore(AlluviumConfig config, ServiceProcess process) {
        this.config = config;
        this.process = process;
        this.writer = ServingStoreConnections.pool(endpoint(), "alluvium-test", 2);
    }

    static RealServingStore start(Path dataDir) {
        AlluviumConfig config = AlluviumConfig.defaults().with(Map.of(
                AlluviumSettings.DATA_DIR, dataDir.toString(),
                AlluviumSettings.SERVING_PORT, Integer.toString(freePort()),
                AlluviumSettings.SERVING_PASSWORD, PASSWORD), "test");
        ServiceProcess process = ServiceJvm.SERVING_STORE.process(DataDir.of(config).create());
        process.start(ServiceJvm.SERVING_STORE.jvm(config), config, START_TIMEOUT);
        return new RealServingStore(config, process);
    }

    AlluviumConfig config() {
        return config;
    }

    ServingEndpoint endpoint() {
        return ServingEndpoint.of(config);
    }

    /** For the test's own writes (and FLUSHALL between tests). */
    JedisPooled writer() {
        return writer;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        writer.close();
        process.stop(Duration.ofSeconds(30));
    }
}
