package io.alluvium.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.ChildProtocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The embedded broker as the CLI starts it: {@code KafkaBrokerMain} in a child JVM on the services
 * module's classes and runtime classpath, ready once it prints its bootstrap servers, stopped by SIGTERM.
 */
final class BrokerProcess implements AutoCloseable {
    private final Process process;
    private final String bootstrapServers;

    private BrokerProcess(Process process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    static BrokerProcess start(Path dataDir) throws IOException {
        Path services = Path.of(System.getProperty("alluvium.services.dir", "../services"));
        Path classpathFile = services.resolve("target/classpath.txt");
        assertThat(classpathFile).as("services module built (mvn -pl services install)").exists();
        Path settings = dataDir.resolve("run/kafka.properties");
        AlluviumConfig.defaults().with(Map.of("data.dir", dataDir.toString(), "kafka.port",
                Integer.toString(freePort()), "kafka.controller-port", Integer.toString(freePort())), "test")
                .writeTo(settings);
        Path log = dataDir.resolve("logs/kafka.log");
        Files.createDirectories(log.getParent());
        Files.createDirectories(dataDir.resolve("tmp"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dalluvium.log.file=" + log, "-Djava.io.tmpdir=" + dataDir.resolve("tmp"),
                "-cp", services.resolve("target/classes") + ":" + Files.readString(classpathFile).trim(),
                "io.alluvium.services.KafkaBrokerMain", settings.toString());
        pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process process = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            var message = ChildProtocol.parse(line);
            if (message.isPresent() && message.get().kind() == ChildProtocol.Kind.READY) {
                return new BrokerProcess(process, message.get().text());
            }
            if (message.isPresent() && message.get().kind() == ChildProtocol.Kind.ERROR) {
                break;
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("broker did not start: " + line + " (see " + log + ")");
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        process.toHandle().destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
