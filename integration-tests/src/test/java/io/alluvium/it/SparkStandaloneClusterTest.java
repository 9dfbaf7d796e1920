package io.alluvium.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.EmbeddedSparkCluster;
import io.alluvium.runtime.ServiceJvm;
import io.alluvium.runtime.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark on a real standalone cluster (docs/deploy.md#spark-on-a-standalone-cluster): {@code alluvium up} with
 * {@code spark.cluster-embedded} starts a master and two workers, each a JVM of its own, which {@code status} shows
 * with their health; {@code batch all} runs with its executors on both workers, the job jar shipped to them, and a
 * worker killed with SIGKILL while its executor runs tasks makes those tasks run again on the other. The batch
 * completes, {@code reconcile} holds (invariant 2 and Gold against Silver, docs/architecture.md#invariants), and Gold
 * equals a rebuild without the fault on the same Silver. The platform starts once for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkStandaloneClusterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP = "alluvium-batch";
    /** Every column of every row of each Gold table, as a count and a checksum. */
    private static final String GOLD_FINGERPRINT = Stream.of("city_hourly_sales", "daily_funnel", "user_daily_features")
            .map(t -> "SELECT '" + t + "' AS t, count(*) AS n, CAST(sum(CAST(xxhash64(*) AS decimal(38,0))) AS string)"
                    + " AS checksum FROM gold." + t)
            .reduce((a, b) -> a + " UNION ALL " + b).orElseThrow() + " ORDER BY t";

    /** An executor's log lines (Spark's Executor, at INFO in each worker's conf/): a task attempt starts, ends. */
    private static final Pattern STARTED = Pattern.compile("Running task \\d+\\.\\d+ in stage");
    private static final Pattern FINISHED = Pattern.compile("Finished task \\d+\\.\\d+ in stage");
    /** A task's second or later attempt: the first one failed. */
    private static final Pattern RETRIED = Pattern.compile("Running task \\d+\\.[1-9]\\d* in stage");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // kept on failure: the processes' logs say why
    static Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private CliRun cli;
    private int masterPort;
    private int uiPort;

    @BeforeAll
    void up() {
        masterPort = CliRun.freePort();
        uiPort = CliRun.freePort();
        cli = new CliRun(dataDir, Map.of(AlluviumSettings.SPARK_CLUSTER_EMBEDDED, "true",
                AlluviumSettings.SPARK_CLUSTER_PORT, Integer.toString(masterPort),
                AlluviumSettings.SPARK_CLUSTER_UI_PORT, Integer.toString(uiPort)));
        CliRun.Result up = cli.run("up");
        assertThat(up.exitCode()).as(up.toString()).isZero();
    }

    @AfterAll
    void down() throws IOException {
        if (cli != null) {
            cli.run("down");
            // each worker's jars/ links into the Maven repository: remove the links, or JUnit warns for every one
            for (int n = 1; n <= 2; n++) {
                Path jars = EmbeddedSparkCluster.workerHome(DataDir.of(cli.config()), n).resolve("jars");
                if (Files.isDirectory(jars)) {
                    try (Stream<Path> links = Files.list(jars)) {
                        for (Path link : links.toList()) {
                            Files.delete(link);
                        }
                    }
                }
            }
        }
    }

    @Test
    @Order(1)
    void upStartsAMasterAndTwoAliveWorkers() throws Exception {
        CliRun.Result status = cli.run("status", "--json");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        Map<String, JsonNode> services = new HashMap<>();
        status.json().path("services").forEach(s -> services.put(s.path("name").asText(), s));

        JsonNode master = services.get("spark-master");
        assertThat(master.path("state").asText()).isEqualTo("running");
        assertThat(master.path("port").asInt()).isEqualTo(masterPort);
        assertThat(master.path("health").asText()).startsWith("2 workers alive, 2 of 2 cores free");
        for (int n = 1; n <= 2; n++) {
            JsonNode worker = services.get("spark-worker-" + n);
            assertThat(worker.path("state").asText()).isEqualTo("running");
            assertThat(worker.path("health").asText()).startsWith("alive");
            assertThat(worker.path("port").asInt()).isEqualTo(masterPort + n);
        }
        assertThat(masterState().path("workers")).extracting(w -> w.path("port").asInt() + " " + w.path("state").asText())
                .containsExactlyInAnyOrder((masterPort + 1) + " ALIVE", (masterPort + 2) + " ALIVE");
    }

    @Test
    @Order(2)
    void theBatchRunsOnBothWorkersAndCompletesWhenOneIsKilled() throws Exception {
        ok(cli.run("generate", "--events", "4000"));
        ok(cli.run("stream", "start", "landing", "--until-caught-up"));

        CompletableFuture<CliRun.Result> batch = CompletableFuture.supplyAsync(() -> cli.run("batch", "all", "--json"));
        Awaitility.await("a task running on worker 1").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> tasks(1, STARTED) > tasks(1, FINISHED));
        new ServiceProcess(ServiceJvm.SPARK_WORKER.processName(1), DataDir.of(cli.config())).running().orElseThrow()
                .destroyForcibly(); // SIGKILL

        CliRun.Result result = batch.get(4, TimeUnit.MINUTES);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).contains("on the cluster at spark://127.0.0.1:" + masterPort);
        assertThat(result.json().path("gold")).hasSize(3);

        List<JsonNode> apps = StreamSupport.stream(masterState().path("completedapps").spliterator(), false)
                .filter(app -> app.path("name").asText().equals(APP)).toList();
        assertThat(apps).as("the batch was an application of the cluster").hasSize(1);
        assertThat(Files.readString(DataDir.of(cli.config()).log("batch"))).as("the driver lost worker 1's executor")
                .contains("Lost executor");
        assertThat(tasks(2, RETRIED)).as("worker 2's executor ran the lost task again, as a second attempt")
                .isPositive();
        assertThat(tasks(2, FINISHED)).as("and the rest of the batch").isGreaterThan(tasks(1, STARTED));

        CliRun.Result status = cli.run("status", "--json");
        assertThat(status.exitCode()).as("a crashed worker fails status").isEqualTo(1);
        assertThat(status.out()).contains("crashed").contains("1 workers alive");
    }

    @Test
    @Order(3)
    void reconcileHoldsAfterTheFault() {
        CliRun.Result reconcile = cli.run("reconcile", "--json");
        assertThat(reconcile.exitCode()).as(reconcile.toString()).isZero();
        List<JsonNode> checks = StreamSupport.stream(reconcile.json().path("checks").spliterator(), false).toList();
        assertThat(checks).filteredOn(c -> c.path("invariant").asText().equals("2")).as(reconcile.toString())
                .hasSize(15).allSatisfy(c -> assertThat(c.path("ok").asBoolean()).as(c.toString()).isTrue());
        assertThat(checks).allSatisfy(c -> assertThat(c.path("ok").asBoolean()).as(c.toString()).isTrue());
    }

    @Test
    @Order(4)
    void goldEqualsARebuildWithoutTheFault() {
        JsonNode afterFault = gold();
        assertThat(afterFault).hasSize(3)
                .allSatisfy(row -> assertThat(row.get(1).asLong()).as(row.toString()).isPositive());
        ok(cli.run("batch", "gold", "--backfill", "2026-10-01..2026-12-31"));
        assertThat(gold()).isEqualTo(afterFault);
    }

    /** How many task lines matching {@code line} the logs of the executors that worker {@code n} launched hold. */
    private long tasks(int n, Pattern line) throws IOException {
        Path work = EmbeddedSparkCluster.workerHome(DataDir.of(cli.config()), n).resolve("work");
        if (!Files.isDirectory(work)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(work)) {
            return files.filter(f -> f.getFileName().toString().equals("stderr")).mapToLong(f -> {
                try (Stream<String> lines = Files.lines(f)) {
                    return lines.filter(l -> line.matcher(l).find()).count();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    private JsonNode gold() {
        CliRun.Result sql = cli.run("sql", GOLD_FINGERPRINT, "--json");
        ok(sql);
        return sql.json().path("rows");
    }

    private JsonNode masterState() throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + uiPort + "/json/")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static void ok(CliRun.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }
}
