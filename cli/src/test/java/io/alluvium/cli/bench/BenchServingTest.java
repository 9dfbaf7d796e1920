package io.alluvium.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.bench.AlternatingRounds;
import io.alluvium.cli.Console;
import io.alluvium.cli.serving.ServingCommandsTest;
import io.alluvium.config.AlluviumSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alluvium bench serving} for real: its own redis-server (and no broker or catalog), the sample written
 * into it, the same lookups over the HTTP API and straight from Redis, the figures reconciled.
 */
class BenchServingTest {
    @TempDir
    Path dir;

    @Test
    void servingMeasuresBothPathsOnTheSameLookupsAndStartsOnlyTheStore() throws IOException {
        int servingPort = ServingCommandsTest.freePort();
        Path data = dir.resolve("data");
        BenchCommandTest.Result r = BenchCommandTest.bench("serving", "--events", "3000", "--clients", "3", "--json",
                "--out", dir.resolve("bench.json").toString(), "--data-dir", data.toString(),
                "--set", AlluviumSettings.SERVING_PORT + "=" + servingPort,
                "--set", AlluviumSettings.KAFKA_PORT + "=" + ServingCommandsTest.freePort());
        assertThat(r.exitCode()).as(r.err()).isZero();

        JsonNode serving = Console.JSON.readTree(r.out()).at("/benches/0");
        assertThat(serving.path("bench").asText()).isEqualTo("serving");
        JsonNode http = serving.at("/measures/0");
        JsonNode direct = serving.at("/measures/1");
        assertThat(http.path("name").asText()).isEqualTo(ServingBench.HTTP);
        assertThat(direct.path("name").asText()).isEqualTo(ServingBench.DIRECT);
        for (JsonNode m : new JsonNode[] {http, direct}) {
            assertThat(m.path("lookups").asLong()).as(m.toString()).isEqualTo(3000L * AlternatingRounds.MIN_ROUNDS);
            assertThat(m.path("errors").asLong()).as(m.toString()).isZero();
            assertThat(m.path("clients").asInt()).isEqualTo(3);
            assertThat(m.path("records_per_s").asDouble()).isPositive()
                    .isCloseTo(m.at("/rounds/median").asDouble(), within(0.1));
            assertThat(m.at("/rounds/values")).hasSize(AlternatingRounds.MIN_ROUNDS);
            assertThat(m.path("p50_ms").asDouble()).isPositive().isLessThanOrEqualTo(m.path("p95_ms").asDouble());
            assertThat(m.path("p95_ms").asDouble()).isLessThanOrEqualTo(m.path("p99_ms").asDouble());
        }
        JsonNode throughput = serving.at("/comparisons/0");
        assertThat(throughput.path("ratio").asDouble()).isCloseTo(
                http.path("records_per_s").asDouble() / direct.path("records_per_s").asDouble(), within(0.001));
        JsonNode p99 = serving.at("/comparisons/1");
        assertThat(p99.path("ratio").asDouble()).isCloseTo(
                http.path("p99_ms").asDouble() / direct.path("p99_ms").asDouble(), within(0.01));
        List<String> rounds = r.err().lines().filter(line -> line.startsWith("▸ serving round")).toList();
        assertThat(rounds).hasSize(2 * AlternatingRounds.MIN_ROUNDS);
        for (int i = 0; i < rounds.size(); i++) {
            assertThat(rounds.get(i)).as("alternating, direct first")
                    .contains(i % 2 == 0 ? ServingBench.DIRECT : ServingBench.HTTP);
        }

        assertThat(data.resolve("bench/logs/serving-store.log")).exists();
        assertThat(data.resolve("bench/logs/kafka-broker.log")).doesNotExist();
        assertThat(data.resolve("bench/logs/catalog-db.log")).doesNotExist();
        try (ServerSocket free = new ServerSocket(servingPort, 1, InetAddress.getLoopbackAddress())) {
            assertThat(free.getLocalPort()).as("the bench stopped its store").isEqualTo(servingPort);
        }
        assertThat(Files.readString(dir.resolve("bench.json"))).contains("\"serving\"");
    }
}
