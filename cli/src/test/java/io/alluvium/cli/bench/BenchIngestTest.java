package io.alluvium.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.bench.AlternatingRounds;
import io.alluvium.cli.Console;
import io.alluvium.config.AlluviumSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        assertThat(ingest.path("workload").asText()).isEqualTo("20,000 events per round, fixed by --events");
        JsonNode ours = ingest.at("/measures/0");
        JsonNode baseline = ingest.at("/measures/1");
        assertThat(ours.path("name").asText()).isEqualTo(IngestBench.GENERATOR);
        assertThat(baseline.path("name").asText()).isEqualTo(IngestBench.BASELINE);
        for (JsonNode m : new JsonNode[] {ours, baseline}) {
            assertThat(m.path("records_per_s").asDouble()).as(m.toString()).isPositive();
            assertThat(m.path("mb_per_s").asDouble()).as(m.toString()).isPositive();
            JsonNode rounds = m.path("rounds");
            assertThat(rounds.path("values")).as(m.toString()).hasSize(AlternatingRounds.MIN_ROUNDS);
            List<Double> sorted = new ArrayList<>();
            rounds.path("values").forEach(v -> sorted.add(v.asDouble()));
            sorted.sort(null);
            // the figure is the middle round, not the best
            assertThat(m.path("records_per_s").asDouble()).as(m.toString()).isCloseTo(sorted.get(1), within(0.1));
            assertThat(rounds.path("min").asDouble()).isEqualTo(sorted.get(0));
            assertThat(rounds.path("max").asDouble()).isEqualTo(sorted.get(2));
            // 20,000 events are a test run: its rounds are short, and the report says so
            assertThat(rounds.path("warning").asText()).isEqualTo("round shorter than 10 s: unstable");
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
        assertThat(comparison.path("ratio").asDouble()).as("the ratio of the medians").isCloseTo(
                ours.path("records_per_s").asDouble() / baseline.path("records_per_s").asDouble(), within(0.001));
        assertThat(comparison.path("met").asBoolean()).isEqualTo(comparison.path("ratio").asDouble() >= 0.8);
        // the rounds alternate, baseline first
        List<String> rounds = r.err().lines().filter(line -> line.startsWith("▸ ingest round")).toList();
        assertThat(rounds).hasSize(2 * AlternatingRounds.MIN_ROUNDS);
        for (int i = 0; i < rounds.size(); i++) {
            assertThat(rounds.get(i)).startsWith("▸ ingest round " + (i / 2 + 1) + "/" + AlternatingRounds.MIN_ROUNDS
                    + ": " + (i % 2 == 0 ? IngestBench.BASELINE : IngestBench.GENERATOR));
        }
        assertThat(r.err()).as("--events fixes the work: no calibration round").doesNotContain("ingest calibration");

        // the report prints records/s to one decimal: the rounded figure is within 1 of it
        assertThat(doc.path("kafka_producer_records_per_s").asLong())
                .isCloseTo(Math.round(baseline.path("records_per_s").asDouble()), within(1L));
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
