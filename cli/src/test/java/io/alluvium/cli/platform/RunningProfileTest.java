package io.alluvium.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alluvium.cli.CliSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster profile as the commands see it (docs/deploy.md#the-cluster-profile): {@code --cluster} adds the
 * cluster's processes to what {@code status} (and so {@code up} and {@code down}) manage, a setting given
 * explicitly wins over the profile, and a platform started as a cluster is the one every later command of its data
 * dir uses until {@code down}.
 */
class RunningProfileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theClusterFlagAddsTheClustersProcesses() throws IOException {
        assertThat(services("status")).contains("kafka-broker").doesNotContain("object-store", "flink-jobmanager");
        assertThat(services("status", "--cluster")).contains("kafka-broker-1", "kafka-broker-2", "kafka-broker-3",
                "object-store", "flink-jobmanager", "flink-taskmanager-1", "flink-taskmanager-2", "spark-master",
                "spark-worker-1", "spark-worker-2");
    }

    @Test
    void aSettingGivenExplicitlyWinsOverTheProfile() throws IOException {
        assertThat(services("status", "--cluster", "--set", "flink.cluster-embedded=false"))
                .contains("object-store").doesNotContain("flink-jobmanager");
    }

    @Test
    void aPlatformStartedAsAClusterIsUsedByTheNextCommandsUntilDown() throws IOException {
        Path marker = dir.resolve("run/cluster-profile");
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, "started by `alluvium up` with cluster.enabled\n");
        assertThat(services("status")).contains("object-store", "flink-jobmanager");
        assertThat(services("status", "--set", "cluster.enabled=false")).doesNotContain("flink-jobmanager");

        assertThat(run("down")).isEqualTo(0);
        assertThat(marker).doesNotExist();
        assertThat(services("status")).doesNotContain("flink-jobmanager");
    }

    /** The names of the services that {@code status --json} lists with {@code args}. */
    private List<String> services(String... args) throws IOException {
        CliSession cli = new CliSession();
        assertThat(cli.run(onThisDataDir(withJson(args)))).isEqualTo(0);
        List<String> names = new ArrayList<>();
        for (JsonNode service : JSON.readTree(cli.out()).path("services")) {
            names.add(service.path("name").asText());
        }
        assertThat(names).contains("catalog-db");
        return names;
    }

    private int run(String... args) {
        return new CliSession().run(onThisDataDir(args));
    }

    private String[] onThisDataDir(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dir.toString()));
        return all.toArray(String[]::new);
    }

    private static String[] withJson(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--json");
        return all.toArray(String[]::new);
    }
}
