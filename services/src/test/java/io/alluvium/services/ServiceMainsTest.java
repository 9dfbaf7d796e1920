package io.alluvium.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.ChildProtocol;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.ExitCode;
import io.alluvium.runtime.GeneratedPassword;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mains as the CLI runs them: a child JVM on target/classes plus target/classpath.txt, settings in a
 * file, stdout carrying protocol lines only, logs in the log file, SIGTERM stopping the service cleanly.
 */
class ServiceMainsTest {
    @TempDir
    Path dataDir;

    @Test
    void brokerSaysReadyThenStopsCleanlyOnSigterm() throws Exception {
        int port = FreePort.next();
        Path settings = settings(Map.of("kafka.port", Integer.toString(port),
                "kafka.controller-port", Integer.toString(FreePort.next())));
        Child child = Child.start(KafkaBrokerMain.class, settings, dataDir.resolve("logs/kafka.log"));

        assertThat(child.nextProtocolLine()).isEqualTo(ChildProtocol.PREFIX + "ready 127.0.0.1:" + port);
        assertThat(settings).as("read, then deleted by the child").doesNotExist();
        child.terminate();

        assertThat(child.exitCode()).isEqualTo(143);
        assertThat(child.nonProtocolLines()).isEmpty();
        assertThat(Files.readString(child.logFile())).contains("Stopping Kafka broker");
        assertFree(port);
    }

    @Test
    void catalogDatabaseSaysReadyThenStopsCleanlyOnSigterm() throws Exception {
        int port = FreePort.next();
        Child child = Child.start(CatalogDatabaseMain.class,
                settings(Map.of("catalog.postgres-port", Integer.toString(port))), dataDir.resolve("logs/pg.log"));

        assertThat(child.nextProtocolLine())
                .isEqualTo(ChildProtocol.PREFIX + "ready jdbc:postgresql://127.0.0.1:" + port + "/alluvium_catalog");
        child.terminate();

        assertThat(child.exitCode()).isEqualTo(143);
        assertThat(child.nonProtocolLines()).isEmpty();
        assertThat(Files.readString(child.logFile())).contains("Stopping catalog database");
        assertFree(port);
    }

    @Test
    void servingStoreKeepsWhatWasWrittenAcrossARestartAndRequiresItsPassword() throws Exception {
        int port = FreePort.next();
        String secret = "s3cret-never-logged";
        Map<String, String> settings = Map.of("serving.port", Integer.toString(port), "serving.password", secret);
        Path log = dataDir.resolve("logs/serving-store.log");

        Child first = Child.start(RedisServerMain.class, settings(settings), log);
        assertThat(first.nextProtocolLine()).isEqualTo(ChildProtocol.PREFIX + "ready redis://127.0.0.1:" + port);
        try (RespClient anonymous = RespClient.connect(LocalPort.HOST, port, "", 2000)) {
            assertThatThrownBy(() -> anonymous.call("GET", "k")).hasMessageStartingWith("NOAUTH");
        }
        try (RespClient redis = RespClient.connect(LocalPort.HOST, port, secret, 2000)) {
            assertThat(redis.call("SET", "city_hour:Paris", "42.50")).isEqualTo("OK");
            assertThat(redis.call("GET", "city_hour:Paris")).isEqualTo("42.50");
        }
        first.terminate();
        assertThat(first.exitCode()).isEqualTo(143);
        assertThat(first.nonProtocolLines()).isEmpty();
        assertFree(port);
        assertThat(dataDir.resolve("redis/appendonly.aof")).isNotEmptyFile();

        Child second = Child.start(RedisServerMain.class, settings(settings), log);
        assertThat(second.nextProtocolLine()).isEqualTo(ChildProtocol.PREFIX + "ready redis://127.0.0.1:" + port);
        try (RespClient redis = RespClient.connect(LocalPort.HOST, port, secret, 2000)) {
            assertThat(redis.call("GET", "city_hour:Paris")).isEqualTo("42.50");
        }
        second.terminate();
        assertThat(second.exitCode()).isEqualTo(143);
        assertThat(Files.readString(log)).contains("Stopping serving store").doesNotContain(secret);
        assertThat(Files.readString(dataDir.resolve("redis/redis-server.log"))).doesNotContain(secret);
    }

    @Test
    void aRedisServerLeftRunningByAKilledServingStoreIsStoppedByTheNextAndItsDataKept() throws Exception {
        int port = FreePort.next();
        Map<String, String> settings = Map.of("serving.port", Integer.toString(port));
        Path log = dataDir.resolve("logs/serving-store.log");
        Child first = Child.start(RedisServerMain.class, settings(settings), log);
        assertThat(first.nextProtocolLine()).startsWith(ChildProtocol.PREFIX + "ready");
        String password = GeneratedPassword.serving(new DataDir(dataDir)).value().reveal();
        try (RespClient redis = RespClient.connect(LocalPort.HOST, port, password, 2000)) {
            assertThat(redis.call("SET", "kept", "yes")).isEqualTo("OK");
        }
        List<ProcessHandle> servers = first.process().toHandle().descendants().toList();
        assertThat(servers).hasSize(1);

        first.process().toHandle().destroyForcibly(); // SIGKILL: no chance to stop its redis-server
        assertThat(first.exitCode()).isEqualTo(137);
        assertThat(servers.get(0).isAlive()).as("the orphaned redis-server still runs").isTrue();

        Child second = Child.start(RedisServerMain.class, settings(settings), log);
        assertThat(second.nextProtocolLine()).isEqualTo(ChildProtocol.PREFIX + "ready redis://127.0.0.1:" + port);
        assertThat(servers.get(0).isAlive()).isFalse();
        try (RespClient redis = RespClient.connect(LocalPort.HOST, port, password, 2000)) {
            assertThat(redis.call("GET", "kept")).isEqualTo("yes");
        }
        second.terminate();
        assertThat(second.exitCode()).isEqualTo(143);
        assertThat(Files.readString(log)).contains("left running on this data directory");
    }

    @Test
    void servingStorePortInUseExitsWithBadInputAndOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Child child = Child.start(RedisServerMain.class,
                    settings(Map.of("serving.port", Integer.toString(taken.getLocalPort()))),
                    dataDir.resolve("logs/serving-store.log"));

            assertThat(child.nextProtocolLine()).startsWith(ChildProtocol.PREFIX + "error port "
                    + taken.getLocalPort() + " on 127.0.0.1 is already in use (setting serving.port)");
            assertThat(child.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
        }
    }

    @Test
    void aPortInUseExitsWithBadInputAndOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Child child = Child.start(CatalogDatabaseMain.class,
                    settings(Map.of("catalog.postgres-port", Integer.toString(taken.getLocalPort()))),
                    dataDir.resolve("logs/pg.log"));

            assertThat(child.nextProtocolLine()).startsWith(ChildProtocol.PREFIX + "error port "
                    + taken.getLocalPort() + " on 127.0.0.1 is already in use (setting catalog.postgres-port)");
            assertThat(child.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
        }
    }

    private Path settings(Map<String, String> overrides) throws IOException {
        Path file = dataDir.resolve("run/settings.properties");
        AlluviumConfig.defaults().with("data.dir", dataDir.toString()).with(overrides, "test").writeTo(file);
        return file;
    }

    private static void assertFree(int port) {
        LocalPort.requireFree(port, "test");
    }

    /** A service main in its own JVM, launched the way the CLI does. */
    private record Child(Process process, BufferedReader stdout, Path logFile, List<String> nonProtocol) {

        static Child start(Class<?> main, Path settings, Path logFile) throws IOException {
            Path tmp = settings.getParent().getParent().resolve("tmp");
            Files.createDirectories(tmp);
            Files.createDirectories(logFile.getParent());
            String classpath = "target/classes:" + Files.readString(Path.of("target/classpath.txt")).trim();
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-Dalluvium.log.file=" + logFile, "-Djava.io.tmpdir=" + tmp,
                    "-cp", classpath, main.getName(), settings.toString());
            pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
            pb.redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            Process p = pb.start();
            return new Child(p, new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)),
                    logFile, new ArrayList<>());
        }

        String nextProtocolLine() throws IOException {
            String line;
            while ((line = stdout.readLine()) != null) {
                if (line.startsWith(ChildProtocol.PREFIX)) {
                    return line;
                }
                nonProtocol.add(line);
            }
            return null;
        }

        void terminate() {
            process.toHandle().destroy(); // SIGTERM, keeping stdout readable
        }

        int exitCode() throws Exception {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child exited").isTrue();
            return process.exitValue();
        }

        List<String> nonProtocolLines() throws IOException {
            String line;
            while ((line = stdout.readLine()) != null) {
                nonProtocol.add(line);
            }
            return nonProtocol;
        }
    }
}
