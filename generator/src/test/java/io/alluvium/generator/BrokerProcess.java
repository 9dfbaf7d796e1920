package io.alluvium.generator;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.ServiceJvm;
import io.alluvium.runtime.ServiceProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The embedded broker as the CLI starts it ({@link ServiceJvm}): {@code KafkaBrokerMain} in a child JVM of the services
 * module (the broker's Kafka release differs from the clients' and cannot share this JVM).
 */
final class BrokerProcess implements AutoCloseable {
    private final ServiceProcess service;
    private final String bootstrapServers;

    private BrokerProcess(ServiceProcess service, String bootstrapServers) {
        this.service = service;
        this.bootstrapServers = bootstrapServers;
    }

    static BrokerProcess start(Path dataDir) throws IOException {
        AlluviumConfig config = AlluviumConfig.defaults().with(Map.of(AlluviumSettings.DATA_DIR, dataDir.toString(),
                AlluviumSettings.KAFKA_PORT, Integer.toString(freePort()),
                AlluviumSettings.KAFKA_CONTROLLER_PORT, Integer.toString(freePort())), "test");
        ServiceProcess service = ServiceJvm.KAFKA_BROKER.process(DataDir.of(config).create());
        String bootstrap = service.start(ServiceJvm.KAFKA_BROKER.jvm(config), config, Duration.ofSeconds(90));
        return new BrokerProcess(service, bootstrap);
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        service.stop(Duration.ofSeconds(60));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
