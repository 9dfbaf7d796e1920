package io.alluvium.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.GeneratedPassword;
import io.alluvium.runtime.ServiceJvm;
import io.alluvium.runtime.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The services started as {@code alluvium up} starts them (child JVMs, settings handed over in {@code run/}),
 * one with a configured password and one with a generated one: once they are up, no file under {@code run/}
 * or {@code logs/} holds any of the passwords.
 */
class NoSecretLeftBehindTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String CONFIGURED = "configured-serving-secret";

    @TempDir
    Path root;

    @Test
    void noPasswordIsLeftInRunOrLogsOnceTheChildrenStarted() throws Exception {
        AlluviumConfig config = AlluviumConfig.defaults().with(Map.of("data.dir", root.toString(),
                "catalog.postgres-port", Integer.toString(FreePort.next()),
                "serving.port", Integer.toString(FreePort.next()),
                "serving.password", CONFIGURED), "test");
        DataDir dataDir = DataDir.of(config).create();
        ServiceProcess catalog = ServiceJvm.CATALOG_DATABASE.process(dataDir);
        ServiceProcess serving = ServiceJvm.SERVING_STORE.process(dataDir);
        try {
            catalog.start(ServiceJvm.CATALOG_DATABASE.jvm(config), config, TIMEOUT);
            serving.start(ServiceJvm.SERVING_STORE.jvm(config), config, TIMEOUT);

            List<String> secrets = List.of(CONFIGURED, GeneratedPassword.catalog(dataDir).value().reveal(),
                    GeneratedPassword.catalogSuperuser(dataDir).value().reveal());
            assertThat(filesUnder(dataDir.run())).isNotEmpty().allSatisfy(file ->
                    assertThat(Files.readString(file)).as(file.toString()).doesNotContain(secrets));
            assertThat(filesUnder(dataDir.logs())).isNotEmpty().allSatisfy(file ->
                    assertThat(Files.readString(file)).as(file.toString()).doesNotContain(secrets));
        } finally {
            serving.stop(TIMEOUT);
            catalog.stop(TIMEOUT);
        }
    }

    private static List<Path> filesUnder(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
