package io.alluvium.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.config.ConfigException;
import io.alluvium.config.Password;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedPasswordTest {
    @TempDir
    Path root;

    @Test
    void createdOnceOwnerOnlyAndKept() throws Exception {
        DataDir dataDir = new DataDir(root);
        String first = GeneratedPassword.serving(dataDir).value().reveal();

        assertThat(first).matches("[A-Za-z0-9_-]{32}");
        assertThat(GeneratedPassword.serving(dataDir).value().reveal()).isEqualTo(first);
        assertThat(GeneratedPassword.catalog(dataDir).value().reveal()).isNotEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.secrets())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dataDir.secrets().resolve("serving.password")))).isEqualTo("rw-------");
        try (var files = Files.list(dataDir.secrets())) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("serving.password", "catalog.password");
        }
    }

    @Test
    void processesStartingTogetherAgreeOnOne() throws Exception {
        DataDir dataDir = new DataDir(root);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Password>> racers = IntStream.range(0, 16)
                    .mapToObj(i -> (Callable<Password>) () -> GeneratedPassword.catalog(dataDir).value()).toList();
            List<String> values = pool.invokeAll(racers).stream().map(GeneratedPasswordTest::reveal).toList();
            assertThat(values).hasSize(16).containsOnly(values.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFileLeftReadableByOthersIsMadeOwnerOnlyAgain() throws Exception {
        DataDir dataDir = new DataDir(root);
        Path file = dataDir.secrets().resolve("serving.password");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "chosen-by-hand\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(GeneratedPassword.serving(dataDir).value().reveal()).isEqualTo("chosen-by-hand");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aConfiguredPasswordWinsAndAnExternalStoreGetsNoGeneratedOne() {
        AlluviumConfig embedded = AlluviumConfig.defaults().with(AlluviumSettings.DATA_DIR, root.toString());
        String generated = GeneratedPassword.catalog(new DataDir(root)).value().reveal();

        assertThat(CatalogProperties.password(embedded).reveal()).isEqualTo(generated);
        assertThat(CatalogProperties.of(embedded)).containsEntry("jdbc.password", generated)
                .containsEntry("jdbc.user", "alluvium")
                .containsEntry("uri", "jdbc:postgresql://127.0.0.1:15432/alluvium_catalog");
        assertThat(CatalogProperties.password(embedded.with(AlluviumSettings.CATALOG_JDBC_PASSWORD, "mine"))
                .reveal()).isEqualTo("mine");
        assertThat(CatalogProperties.password(embedded.with(AlluviumSettings.CATALOG_JDBC_URL,
                "jdbc:postgresql://db.example:5432/catalog")).isEmpty()).isTrue();

        assertThat(ServingEndpoint.of(embedded).password().reveal())
                .isEqualTo(GeneratedPassword.serving(new DataDir(root)).value().reveal());
        assertThat(ServingEndpoint.of(embedded.with(Map.of(AlluviumSettings.SERVING_REDIS_URL,
                "redis://cache.example:6379"), "test")).password().isEmpty()).isTrue();
    }

    @Test
    void anUnwritableDataDirectoryIsOneMessageNamingTheSetting() throws Exception {
        Path file = Files.writeString(root.resolve("not-a-directory"), "x");
        assertThatThrownBy(() -> GeneratedPassword.serving(new DataDir(file)).value())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("data.dir: cannot read or create the password file " + file
                        + "/secrets/serving.password");
    }

    private static String reveal(Future<Password> f) {
        try {
            return f.get().reveal();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
