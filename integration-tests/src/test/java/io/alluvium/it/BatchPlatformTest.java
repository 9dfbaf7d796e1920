package io.alluvium.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.domain.Topic;
import io.alluvium.runtime.ObjectStoreAccess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch platform step by step through the CLI on real engines (Kafka broker, Flink, Spark,
 * Iceberg on PostgreSQL), with the warehouse on S3 — the embedded S3-compatible object store, reached by every
 * engine through Iceberg's {@code S3FileIO}: invariants 1 and 2 hold after a run with every injected defect, a
 * rerun changes nothing, a second generation is processed incrementally, and the lake's files are objects in the
 * store, none on the local warehouse path, which {@code maintain} lists and rewrites through the store too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BatchPlatformTest {
    private static final String EVENTS = "4000";

    @TempDir
    static Path dataDir;

    private CliRun cli;

    /** The last reconciliation: each test starts from the state the previous one proved. */
    private JsonNode proven;

    @BeforeAll
    void up() {
        cli = new CliRun(dataDir, Map.of(AlluviumSettings.OBJECT_STORE_EMBEDDED, "true",
                AlluviumSettings.OBJECT_STORE_PORT, Integer.toString(CliRun.freePort())));
        CliRun.Result up = cli.run("up");
        assertThat(up.exitCode()).as(up.toString()).isZero();
        assertThat(up.err()).contains("object-store");
    }

    @AfterAll
    void down() {
        if (cli != null) {
            cli.run("down");
        }
    }

    @Test
    @Order(1)
    void everyLayerReconcilesAfterOneRun() {
        generateLandBuild();
        JsonNode report = reconcile();
        for (Topic topic : Topic.values()) {
            JsonNode t = topic(report, topic.topicName());
            assertThat(t.path("bronze_rows").asLong()).as(topic + " bronze").isPositive();
            assertThat(t.path("silver_rows").asLong()).as(topic + " silver").isPositive();
            assertThat(t.path("quarantine_rows").asLong()).as(topic + " quarantine (malformed injected)").isPositive();
            assertThat(t.path("duplicates_in_bronze").asLong()).as(topic + " duplicates injected").isPositive();
        }
    }

    @Test
    @Order(2)
    void rerunningTheBatchChangesNothing() {
        JsonNode before = proven.path("tables");
        CliRun.Result again = cli.run("batch", "all", "--json");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        JsonNode after = reconcile().path("tables");
        assertThat(after.path("topics")).isEqualTo(before.path("topics"));
    }

    @Test
    @Order(3)
    void sqlSeesTheSameRowsAsReconciliation() {
        long silverOrders = topic(proven, "orders").path("silver_rows").asLong();
        CliRun.Result sql = cli.run("sql", "SELECT count(*) AS n FROM silver.orders", "--json");
        assertThat(sql.exitCode()).as(sql.toString()).isZero();
        assertThat(sql.json().path("rows").get(0).get(0).asLong()).isEqualTo(silverOrders);
    }

    @Test
    @Order(4)
    void aSecondGenerationIsProcessedIncrementally() {
        long bronzeBefore = topic(proven, "orders").path("bronze_rows").asLong();
        generateLandBuild();
        assertThat(topic(reconcile(), "orders").path("bronze_rows").asLong()).isGreaterThan(bronzeBefore);
    }

    @Test
    @Order(5)
    void tableHistoryShowsTheCommits() {
        CliRun.Result history = cli.run("table", "history", "bronze.orders", "--json");
        assertThat(history.exitCode()).as(history.toString()).isZero();
        assertThat(history.out()).contains("append");
    }

    @Test
    @Order(6)
    void theLakeIsObjectsInTheStoreAndMaintainWorksThroughIt() throws Exception {
        assertThat(dataDir.resolve("warehouse")).as("nothing on the local warehouse path").doesNotExist();
        Path warehouse = dataDir.resolve("object-store").resolve(ObjectStoreAccess.EMBEDDED_BUCKET).resolve("warehouse");
        for (String namespace : List.of("bronze", "silver", "quarantine", "gold")) {
            try (Stream<Path> files = Files.walk(warehouse.resolve(namespace))) {
                assertThat(files.filter(f -> f.toString().endsWith(".parquet")).count()).as(namespace + " objects")
                        .isPositive();
            }
        }
        long records = topic(proven, "orders").path("bronze_rows").asLong();
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                ObjectStoreAccess.of(cli.config()).endpoint() + "/" + ObjectStoreAccess.EMBEDDED_BUCKET + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).as("an unsigned listing of the bucket: " + anonymous.body()).isEqualTo(403);

        CliRun.Result maintained = cli.run("maintain", "bronze.orders", "silver.orders", "--json");
        assertThat(maintained.exitCode()).as(maintained.toString()).isZero();
        Map<String, JsonNode> tables = new HashMap<>();
        maintained.json().path("tables").forEach(t -> tables.put(t.path("table").asText(), t));
        JsonNode bronze = tables.get("bronze.orders");
        JsonNode silver = tables.get("silver.orders");
        for (JsonNode table : List.of(bronze, silver)) {
            assertThat(table.at("/after/manifests").asLong()).as("manifests rewritten: " + table)
                    .isLessThan(table.at("/before/manifests").asLong());
            assertThat(table.at("/before/orphan_files").asLong()).as("listed through the store: " + table).isZero();
            assertThat(table.at("/after/records").asLong()).isEqualTo(table.at("/before/records").asLong());
        }
        assertThat(topic(reconcile(), "orders").path("bronze_rows").asLong()).isEqualTo(records);
    }

    private void generateLandBuild() {
        CliRun.Result gen = cli.run("generate", "--events", EVENTS, "--json");
        assertThat(gen.exitCode()).as(gen.toString()).isZero();
        CliRun.Result land = cli.run("stream", "start", "landing", "--until-caught-up", "--json");
        assertThat(land.exitCode()).as(land.toString()).isZero();
        CliRun.Result batch = cli.run("batch", "all", "--json");
        assertThat(batch.exitCode()).as(batch.toString()).isZero();
    }

    private static JsonNode topic(JsonNode report, String name) {
        for (JsonNode t : report.path("tables").path("topics")) {
            if (name.equals(t.path("topic").asText())) {
                return t;
            }
        }
        throw new AssertionError("no counts for topic " + name + " in " + report);
    }

    /** Runs {@code reconcile --json}; asserts every check holds and returns the report. */
    private JsonNode reconcile() {
        CliRun.Result r = cli.run("reconcile", "--json");
        JsonNode doc = r.json();
        assertThat(doc.path("checks")).as("reconciliation checks").isNotEmpty();
        doc.path("checks").forEach(c -> assertThat(c.path("ok").asBoolean())
                .as(c.path("topic").asText() + ": " + c.path("check").asText() + " expected "
                        + c.path("expected") + " got " + c.path("actual"))
                .isTrue());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        proven = doc;
        return doc;
    }
}
