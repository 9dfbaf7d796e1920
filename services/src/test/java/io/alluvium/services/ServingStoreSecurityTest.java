package io.alluvium.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.GeneratedPassword;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attacks a local user could try on the serving store's redis-server, each refused. */
class ServingStoreSecurityTest {
    @TempDir
    Path dataDir;

    private final int port = FreePort.next();

    @Test
    void withoutThePasswordNothingAndWithItNoAdministration() throws Exception {
        try (ServingStore store = ServingStore.of(config(Map.of()))) {
            store.start();
            String password = GeneratedPassword.serving(new DataDir(dataDir)).value().reveal();

            try (RespClient anonymous = RespClient.connect(LocalPort.HOST, port, "", 2000)) {
                assertThatThrownBy(() -> anonymous.call("GET", "k")).hasMessageStartingWith("NOAUTH");
                assertThatThrownBy(() -> anonymous.call("CONFIG", "GET", "*"))
                        .hasMessageStartingWith("ERR unknown command `CONFIG`");
            }
            assertThatThrownBy(() -> RespClient.connect(LocalPort.HOST, port, "guessed", 2000))
                    .isInstanceOf(RespClient.RedisError.class).hasMessageStartingWith("WRONGPASS");

            try (RespClient redis = RespClient.connect(LocalPort.HOST, port, password, 2000)) {
                assertThat(redis.call("SET", "k", "v")).isEqualTo("OK");
                for (List<String> command : List.of(List.of("CONFIG", "GET", "*"), List.of("DEBUG", "SLEEP", "0"),
                        List.of("MODULE", "LIST"), List.of("SHUTDOWN", "NOSAVE"))) {
                    assertThatThrownBy(() -> redis.call(command.toArray(String[]::new)))
                            .isInstanceOf(RespClient.RedisError.class)
                            .hasMessageStartingWith("ERR unknown command `" + command.get(0) + "`");
                }
                assertThat(redis.call("GET", "k")).isEqualTo("v");
            }
            ProcessHandle server = redisServers().get(0);
            assertThat(Files.readString(Path.of("/proc", Long.toString(server.pid()), "cmdline")))
                    .as("what ps shows").contains("redis-server").doesNotContain(password);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dataDir.resolve("secrets/serving.password")))).isEqualTo("rw-------");
    }

    @Test
    void aConfiguredPasswordWinsOverTheGeneratedOneAndStoppingBySignalKeepsTheData() throws Exception {
        String configured = "configured-serving-pw";
        try (ServingStore store = ServingStore.of(config(Map.of("serving.password", configured)))) {
            store.start();
            try (RespClient redis = RespClient.connect(LocalPort.HOST, port, configured, 2000)) {
                assertThat(redis.call("SET", "kept", "yes")).isEqualTo("OK");
            }
        }
        assertThat(redisServers()).isEmpty();
        try (ServingStore store = ServingStore.of(config(Map.of()))) {
            store.start();
            assertThatThrownBy(() -> RespClient.connect(LocalPort.HOST, port, configured, 2000))
                    .hasMessageStartingWith("WRONGPASS");
            String generated = GeneratedPassword.serving(new DataDir(dataDir)).value().reveal();
            try (RespClient redis = RespClient.connect(LocalPort.HOST, port, generated, 2000)) {
                assertThat(redis.call("GET", "kept")).isEqualTo("yes");
            }
        }
        assertThat(Files.readString(dataDir.resolve("redis/redis-server.log")))
                .contains("Received SIGTERM scheduling shutdown").contains("DB saved on disk");
    }

    private static List<ProcessHandle> redisServers() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> c.contains("redis-server")).orElse(false)).toList();
    }

    private AlluviumConfig config(Map<String, String> settings) {
        return AlluviumConfig.defaults().with(Map.of("data.dir", dataDir.toString(),
                "serving.port", Integer.toString(port)), "test").with(settings, "test");
    }
}
