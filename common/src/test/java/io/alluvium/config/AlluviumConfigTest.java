package io.alluvium.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alluvium.config.ConfigDef.RawValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlluviumConfigTest {

    @Test
    void defaultsAreTyped() {
        AlluviumConfig c = AlluviumConfig.defaults();
        assertThat(c.getInt(AlluviumSettings.KAFKA_PORT)).isEqualTo(19092);
        assertThat(c.getDuration(AlluviumSettings.LANDING_CHECKPOINT_INTERVAL)).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.getMemory(AlluviumSettings.SPARK_HEAP).jvmFlag()).isEqualTo("2048m");
    }

    @Test
    void unknownKeyIsAnErrorWithOriginAndSuggestion() {
        assertThatThrownBy(() -> AlluviumConfig.of(Map.of("kafka.prot", new RawValue("1", "alluvium.yaml line 3"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("alluvium.yaml line 3: kafka.prot: unknown setting (did you mean kafka.port?)");
    }

    @Test
    void badValuesNameTheKeyAndWhatIsExpected() {
        assertThatThrownBy(() -> AlluviumConfig.defaults().with(AlluviumSettings.KAFKA_PORT, "80"))
                .hasMessageContaining("kafka.port: expected a whole number between 1024 and 65535, got \"80\"");
        assertThatThrownBy(() -> AlluviumConfig.defaults().with(AlluviumSettings.LANDING_CHECKPOINT_INTERVAL, "soon"))
                .hasMessageContaining("expected a duration such as 500ms, 5s, 2m or 1h");
        assertThatThrownBy(() -> AlluviumConfig.defaults().with(AlluviumSettings.CONSOLE_PROGRESS, "yes"))
                .hasMessageContaining("expected true or false");
    }

    @Test
    void passwordsAreHiddenWhenDescribed() {
        AlluviumConfig c = AlluviumConfig.defaults().with(AlluviumSettings.CATALOG_JDBC_PASSWORD, "hunter2");
        assertThat(c.describe().toString()).doesNotContain("hunter2").contains("[hidden]");
        assertThat(c.getPassword(AlluviumSettings.CATALOG_JDBC_PASSWORD).reveal()).isEqualTo("hunter2");
    }

    @Test
    void childSettingsFileRoundTripsAndIsPrivate(@TempDir Path dir) throws IOException {
        AlluviumConfig c = AlluviumConfig.defaults()
                .with(Map.of(AlluviumSettings.CATALOG_JDBC_PASSWORD, "p@ss word",
                        AlluviumSettings.LANDING_CHECKPOINT_INTERVAL, "1500ms",
                        AlluviumSettings.GENERATOR_EVENTS, "1234"), "test");
        Path file = dir.resolve("run/job.properties");
        c.writeTo(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        AlluviumConfig back = AlluviumConfig.readFrom(file);
        assertThat(back.getPassword(AlluviumSettings.CATALOG_JDBC_PASSWORD).reveal()).isEqualTo("p@ss word");
        assertThat(back.getDuration(AlluviumSettings.LANDING_CHECKPOINT_INTERVAL)).isEqualTo(Duration.ofMillis(1500));
        assertThat(back.describe()).isEqualTo(c.describe());
    }

    @Test
    void durationsAreShownAsTheyAreWritten() {
        assertThat(List.of(Duration.ofMillis(50), Duration.ofMillis(1500), Duration.ofSeconds(5), Duration.ofSeconds(90),
                Duration.ofMinutes(2), Duration.ofHours(168), Duration.ZERO).stream().map(ConfigDef::formatDuration))
                .containsExactly("50ms", "1500ms", "5s", "90s", "2m", "168h", "0s");
        assertThatThrownBy(() -> AlluviumConfig.defaults().with(AlluviumSettings.REALTIME_WATERMARK_DELAY, "2d"))
                .hasMessageContaining("expected a duration such as 500ms, 5s, 2m or 1h");
        assertThatThrownBy(() -> AlluviumConfig.defaults().with(AlluviumSettings.REALTIME_WATERMARK_DELAY, "25h"))
                .hasMessageContaining("expected a duration between 0s and 24h, got \"25h\"");
    }

    @Test
    void everyDefaultAsShownReadsBackToItself() {
        for (ConfigDef.Key key : AlluviumSettings.DEFINITION.keys()) {
            String shown = AlluviumConfig.defaults().describe().get(key.name());
            AlluviumConfig back = AlluviumConfig.defaults().with(key.name(), shown);
            assertThat(back.describe()).as(key.name() + " shown as \"" + shown + "\"")
                    .isEqualTo(AlluviumConfig.defaults().describe());
            if (key.type() == ConfigDef.Type.DURATION) {
                assertThat(ConfigDef.parseDuration(shown)).as(key.name())
                        .isEqualTo(ConfigDef.parseDuration(key.defaultText()));
            }
        }
    }

    @Test
    void aWrongDefaultIsCaughtWhenDeclared() {
        assertThatThrownBy(() -> new ConfigDef().define("x.y", ConfigDef.Type.INT, "abc", "doc"))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void theClusterProfileTurnsOnWhatASettingDoesNotTurnOff() {
        AlluviumConfig cluster = AlluviumConfig.of(Map.of(AlluviumSettings.CLUSTER_ENABLED, new RawValue("true", "t")));
        assertThat(cluster.getBoolean(AlluviumSettings.OBJECT_STORE_EMBEDDED)).isTrue();
        assertThat(cluster.getBoolean(AlluviumSettings.FLINK_CLUSTER_EMBEDDED)).isTrue();
        assertThat(cluster.getInt(AlluviumSettings.KAFKA_NODES)).isEqualTo(3);
        assertThat(cluster.getBoolean(AlluviumSettings.SPARK_CLUSTER_EMBEDDED)).isTrue();

        AlluviumConfig withoutFlink = AlluviumConfig.of(Map.of(AlluviumSettings.CLUSTER_ENABLED,
                new RawValue("true", "t"), AlluviumSettings.FLINK_CLUSTER_EMBEDDED, new RawValue("false", "t")));
        assertThat(withoutFlink.getBoolean(AlluviumSettings.FLINK_CLUSTER_EMBEDDED)).isFalse();
        assertThat(withoutFlink.getBoolean(AlluviumSettings.OBJECT_STORE_EMBEDDED)).isTrue();

        assertThat(AlluviumConfig.defaults().getBoolean(AlluviumSettings.FLINK_CLUSTER_EMBEDDED)).isFalse();
        assertThat(AlluviumConfig.defaults().getBoolean(AlluviumSettings.OBJECT_STORE_EMBEDDED)).isFalse();
        assertThat(AlluviumConfig.defaults().with(AlluviumSettings.CLUSTER_ENABLED, "true")
                .getBoolean(AlluviumSettings.FLINK_CLUSTER_EMBEDDED)).as("a default stays a default in a copy").isTrue();
    }
}
