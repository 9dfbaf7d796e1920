package io.alluvium.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.cli.Console;
import io.alluvium.config.AlluviumSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alluvium bench ingest} for real: its own broker and catalog database in child JVMs, the generator
 * and Kafka's ProducerPerformance sending the same number of records to it, the figures reconciled.
 */
class BenchIngestTest {
    @TempDir
    Path dir;

    @Test
    void ingestMeasuresBothAndTheRatioIsOursOverTheBaseline() throws IOException {
        int kafkaPort = freePort();
        Path out = dir.resolve("results/bench.json");
        BenchCommandTest.Result r = BenchCommandTest.bench("ingest", "--events", "20000", "--json",
                "--out", out.toString(), "--data-dir", dir.resolve("data").toString(),
                "--set", AlluviumSettings.KAFKA_PORT + "=" + kafkaPort,
                "--set", AlluviumSettings.KAFKA_CONTROLLER_PORT + "=" + freePort(),
                "--set", AlluviumSettings.CATALOG_POSTGRES_PORT + "=" + freePort(),
                "--set", AlluviumSettings.CONSOLE_PROGRESS + "=false");
        assertThat(r.exitCode()).as(r.err()).isZero();

        JsonNode doc = Console.JSON.readTree(r.out());
        JsonNode ingest = doc.at("/benches/0");
        assertThat(ingest.path("bench").asText()).isEqualTo("ingest");
        JsonNode ours = ingest.at("/measures/0");
        JsonNode baseline = ingest.at("/measures/1");
        assertThat(ours.path("name").asText()).isEqualTo(IngestBench.GENERATOR);
        assertThat(baseline.path("name").asText()).isEqualTo(IngestBench.BASELINE);
        for (JsonNode m : new JsonNode[] {ours, baseline}) {
            assertThat(m.path("records_per_s").asDouble()).as(m.toString()).isPositive();
            assertThat(m.path("mb_per_s").asDouble()).as(m.toString()).isPositive();
            assertThat(m.path("runs_records_per_s")).as(m.toString()).hasSize(IngestBench.ROUNDS);
        }
        // Both sent the whole run, acknowledged: 20,000 events plus the generator's duplicates.
        long records = ours.path("records").asLong();
        assertThat(records).isGreaterThanOrEqualTo(20_000);
        assertThat(baseline.path("records").asLong()).isEqualTo(records);
        // MB/s over records/s is the average record size, the same payloads on both sides (within 10%).
        double oursBytes = ours.path("mb_per_s").asDouble() * BenchMeasure.MB / ours.path("records_per_s").asDouble();
        double baselineBytes = baseline.path("mb_per_s").asDouble() * BenchMeasure.MB
                / baseline.path("records_per_s").asDouble();
        assertThat(baselineBytes).isCloseTo(oursBytes, within(oursBytes * 0.1));

        JsonNode comparison = ingest.at("/comparisons/0");
        assertThat(comparison.path("ratio").asDouble()).isCloseTo(
                ours.path("records_per_s").asDouble() / baseline.path("records_per_s").asDouble(), within(0.001));
        assertThat(comparison.path("met").asBoolean()).isEqualTo(comparison.path("ratio").asDouble() >= 0.8);

        assertThat(doc.path("kafka_producer_records_per_s").asLong())
                .isEqualTo(Math.round(baseline.path("records_per_s").asDouble()));
        assertThat(Console.JSON.readTree(Files.readString(out))).isEqualTo(doc);
        assertFree(kafkaPort);
    }

    private static void assertFree(int port) throws IOException {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(s.getLocalPort()).isEqualTo(port);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
