package io.alluvium.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.config.AlluviumSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alluvium demo --cluster --json} (docs/deploy.md#the-cluster-profile): the whole platform, batch and
 * realtime, on the multi-process cluster of this machine, with every check of the embedded demo holding; the lake's
 * files are objects in the object store (the local warehouse directory is never made), and the demo stops every
 * process it started.
 */
class ClusterDemoTest {
    @TempDir
    Path dataDir;

    @Test
    void theDemoOnTheClusterProvesTheInvariantsWithTheLakeInTheObjectStore() throws IOException {
        CliRun cli = new CliRun(dataDir, Map.of(
                AlluviumSettings.OBJECT_STORE_PORT, Integer.toString(CliRun.freePort()),
                AlluviumSettings.FLINK_CLUSTER_PORT, Integer.toString(CliRun.freePort()),
                AlluviumSettings.FLINK_CLUSTER_RPC_PORT, Integer.toString(CliRun.freePort()),
                AlluviumSettings.SPARK_CLUSTER_PORT, Integer.toString(CliRun.freePort()),
                AlluviumSettings.SPARK_CLUSTER_UI_PORT, Integer.toString(CliRun.freePort())));
        CliRun.Result demo = cli.run("demo", "--cluster", "--events", "3000", "--json");
        JsonNode doc = demo.json();
        assertThat(doc.path("ok").asBoolean()).as(demo.toString()).isTrue();
        assertThat(demo.exitCode()).isZero();
        assertThat(doc.path("reconciliation")).as(demo.toString()).hasSize(33)
                .allSatisfy(c -> assertThat(c.path("ok").asBoolean()).as(c.toString()).isTrue());
        assertThat(demo.err()).contains("landing Kafka → Bronze with Flink on the Flink cluster at 127.0.0.1:")
                .contains("building Silver, Quarantine and Gold with Spark on the cluster at spark://127.0.0.1:");
        assertThat(doc.path("peak_rss_bytes").fieldNames()).toIterable()
                .contains("kafka-broker-1", "kafka-broker-2", "kafka-broker-3", "object-store", "flink-jobmanager",
                        "flink-taskmanager-1", "flink-taskmanager-2", "spark-master", "spark-worker-1", "spark-worker-2");

        assertThat(dataDir.resolve("warehouse")).as("no table file on local disk").doesNotExist();
        assertThat(parquetFilesUnder(dataDir.resolve("object-store")))
                .as("the tables' data files are objects in the store").isNotEmpty();

        CliRun.Result status = cli.run("status", "--cluster", "--json");
        assertThat(status.json().path("services")).hasSizeGreaterThanOrEqualTo(7)
                .allSatisfy(s -> assertThat(s.path("state").asText()).as(s.toString()).isEqualTo("stopped"));
        assertThat(dataDir.resolve("run/cluster-profile")).as("the demo leaves no cluster recorded as up")
                .doesNotExist();
    }

    private static List<Path> parquetFilesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList();
        }
    }
}
