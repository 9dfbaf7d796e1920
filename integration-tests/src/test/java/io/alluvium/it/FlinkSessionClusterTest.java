package io.alluvium.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.ServiceJvm;
import io.alluvium.runtime.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flink on a real standalone session cluster (docs/deploy.md#flink-on-a-session-cluster): {@code alluvium up} with
 * {@code flink.cluster-embedded} starts a JobManager and two TaskManagers, each a JVM of its own, which
 * {@code status} shows with their health; the landing job is submitted to the cluster's REST API with the job jar,
 * followed until caught up and stopped with a savepoint; the next run resumes from it, and a TaskManager killed
 * with SIGKILL during that run makes the job restart on the other one. Afterwards every record sent is in Bronze
 * exactly once (invariant 1, docs/architecture.md#invariants, through {@code alluvium reconcile}), and the realtime
 * job runs on the cluster too. A JobManager killed mid-run (no high availability) loses the run; once {@code up}
 * has started it again, the next run resumes from the lost run's last snapshot, and invariant 1 still holds. The
 * platform starts once for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlinkSessionClusterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LANDING = "alluvium-landing";

    @TempDir
    static Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private CliRun cli;
    private int restPort;
    private int rpcPort;
    /** The savepoint the last landing run that finished ended with. */
    private String savepoint;

    @BeforeAll
    void up() {
        restPort = CliRun.freePort();
        rpcPort = CliRun.freePort();
        cli = new CliRun(dataDir, Map.of(AlluviumSettings.FLINK_CLUSTER_EMBEDDED, "true",
                AlluviumSettings.FLINK_CLUSTER_PORT, Integer.toString(restPort),
                AlluviumSettings.FLINK_CLUSTER_RPC_PORT, Integer.toString(rpcPort)));
        CliRun.Result up = cli.run("up");
        assertThat(up.exitCode()).as(up.toString()).isZero();
    }

    @AfterAll
    void down() {
        if (cli != null) {
            cli.run("down");
        }
    }

    @Test
    @Order(1)
    void upStartsAJobManagerAndTwoRegisteredTaskManagers() throws Exception {
        CliRun.Result status = cli.run("status", "--json");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        Map<String, JsonNode> services = new HashMap<>();
        status.json().path("services").forEach(s -> services.put(s.path("name").asText(), s));

        JsonNode jobManager = services.get("flink-jobmanager");
        assertThat(jobManager.path("state").asText()).isEqualTo("running");
        assertThat(jobManager.path("port").asInt()).isEqualTo(restPort);
        assertThat(jobManager.path("health").asText()).startsWith("2 TaskManagers, 4 of 4 slots free");
        for (int n = 1; n <= 2; n++) {
            JsonNode taskManager = services.get("flink-taskmanager-" + n);
            assertThat(taskManager.path("state").asText()).isEqualTo("running");
            assertThat(taskManager.path("health").asText()).isEqualTo("registered");
            assertThat(taskManager.path("port").asInt()).isEqualTo(rpcPort + n);
        }
        assertThat(rest("/overview").path("taskmanagers").asInt()).isEqualTo(2);
    }

    @Test
    @Order(2)
    void landingRunsOnTheClusterUntilCaughtUpAndStopsWithASavepoint() throws Exception {
        generate(4000);
        CliRun.Result landing = cli.run("stream", "start", "landing", "--until-caught-up", "--json");
        assertThat(landing.exitCode()).as(landing.toString()).isZero();
        assertThat(landing.err()).contains("on the Flink cluster at 127.0.0.1:" + restPort);
        assertThat(landing.json().path("caught_up").asBoolean()).isTrue();
        assertThat(landing.json().path("rows_committed").asLong()).isPositive();
        savepoint = landing.json().path("savepoint").asText();
        assertThat(savepoint).contains("savepoint-");

        List<JsonNode> jobs = landingJobs();
        assertThat(jobs).hasSize(1);
        assertThat(jobs.get(0).path("state").asText()).isEqualTo("FINISHED");
    }

    @Test
    @Order(3)
    void theNextRunResumesFromTheSavepointAndSurvivesATaskManagerKilled() throws Exception {
        generate(50_000);
        CompletableFuture<CliRun.Result> landing = landingOnceItRuns(() -> landingJobs().stream().anyMatch(job ->
                job.path("state").asText().equals("RUNNING")
                        && job.path("tasks").path("running").asInt() == job.path("tasks").path("total").asInt()));
        kill(ServiceJvm.FLINK_TASKMANAGER.processName(1));

        CliRun.Result result = landing.get(3, TimeUnit.MINUTES);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.json().path("caught_up").asBoolean()).isTrue();
        assertThat(result.json().path("restored_from").asText())
                .endsWith(savepoint.substring(savepoint.lastIndexOf('/')));
        savepoint = result.json().path("savepoint").asText();

        JsonNode job = landingJobs().stream()
                .max(Comparator.comparingLong(j -> j.path("start-time").asLong())).orElseThrow();
        assertThat(job.path("state").asText()).isEqualTo("FINISHED");
        assertThat(rest("/jobs/" + job.path("jid").asText()).path("timestamps").path("RESTARTING").asLong())
                .as("the job restarted after the TaskManager was killed").isPositive();
        CliRun.Result status = cli.run("status", "--json");
        assertThat(status.exitCode()).as("a crashed TaskManager fails status").isEqualTo(1);
        assertThat(status.out()).contains("crashed");
    }

    @Test
    @Order(4)
    void everyRecordSentIsInBronzeExactlyOnce() {
        CliRun.Result reconcile = cli.run("reconcile", "--json");
        List<JsonNode> invariant1 = StreamSupport.stream(reconcile.json().path("checks").spliterator(), false)
                .filter(c -> c.path("invariant").asText().equals("1")).toList();
        assertThat(invariant1).as(reconcile.toString()).hasSize(6);
        assertThat(invariant1).allSatisfy(c -> assertThat(c.path("ok").asBoolean()).as(c.toString()).isTrue());
    }

    @Test
    @Order(5)
    void theRealtimeJobRunsOnTheClusterToo() throws Exception {
        CliRun.Result realtime = cli.run("stream", "start", "realtime", "--until-caught-up", "--json");
        assertThat(realtime.exitCode()).as(realtime.toString()).isZero();
        assertThat(realtime.json().path("caught_up").asBoolean()).isTrue();
        assertThat(realtime.json().path("savepoint").asText()).contains("savepoint-");
        assertThat(realtime.json().path("counts").path("orders").path("valid").asLong()).isPositive();
        assertThat(rest("/jobs/overview").path("jobs")).filteredOn(job -> job.path("name").asText()
                .equals("alluvium-realtime")).extracting(job -> job.path("state").asText()).containsExactly("FINISHED");
    }

    @Test
    @Order(6)
    void afterTheJobManagerIsKilledAndStartedAgainTheNextRunResumesFromTheKilledRunsLastSnapshot() throws Exception {
        generate(1_000_000);
        CompletableFuture<CliRun.Result> landing = landingOnceItRuns(this::aLandingJobRunsWithACompletedCheckpoint);
        kill(ServiceJvm.FLINK_JOBMANAGER.processName());

        long killed = System.nanoTime();
        CliRun.Result lost = landing.get(3, TimeUnit.MINUTES);
        System.out.printf("the run ended %.1f s after its JobManager was killed: %s%n",
                (System.nanoTime() - killed) / 1e9, lost.err().strip());
        assertThat(lost.exitCode()).as(lost.toString()).isNotZero();
        assertThat(lost.err()).as("one line, no stack trace").doesNotContain("\tat ")
                .contains("lost the Flink cluster's JobManager").contains("resumes from the last of them");

        CliRun.Result up = cli.run("up");
        assertThat(up.exitCode()).as(up.toString()).isZero();
        CliRun.Result resumed = cli.run("stream", "start", "landing", "--until-caught-up", "--json");
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        String restored = resumed.json().path("restored_from").asText();
        System.out.println("the run after the JobManager's loss resumed from " + restored);
        // the killed run's last retained checkpoint — or the savepoint of its final stop, when the kill interrupted
        // that stop after the savepoint was written — and never what the run before it ended with
        assertThat(restored).as("a snapshot of the killed run").isNotEmpty()
                .doesNotEndWith(savepoint.substring(savepoint.lastIndexOf('/')));

        CliRun.Result reconcile = cli.run("reconcile", "--json");
        assertThat(StreamSupport.stream(reconcile.json().path("checks").spliterator(), false)
                .filter(c -> c.path("invariant").asText().equals("1")).toList())
                .as(reconcile.toString()).hasSize(6)
                .allSatisfy(c -> assertThat(c.path("ok").asBoolean()).as(c.toString()).isTrue());
    }

    /** Starts a landing run until caught up, and returns once {@code running} says the cluster runs it as wanted. */
    private CompletableFuture<CliRun.Result> landingOnceItRuns(Callable<Boolean> running) {
        CompletableFuture<CliRun.Result> landing = CompletableFuture.supplyAsync(
                () -> cli.run("stream", "start", "landing", "--until-caught-up", "--json"));
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(running);
        return landing;
    }

    private void kill(String process) {
        new ServiceProcess(process, DataDir.of(cli.config())).running().orElseThrow().destroyForcibly(); // SIGKILL
    }

    private boolean aLandingJobRunsWithACompletedCheckpoint() throws IOException, InterruptedException {
        for (JsonNode job : landingJobs()) {
            if (job.path("state").asText().equals("RUNNING") && rest("/jobs/" + job.path("jid").asText()
                    + "/checkpoints").path("counts").path("completed").asLong() >= 1) {
                return true;
            }
        }
        return false;
    }

    private void generate(int events) {
        CliRun.Result r = cli.run("generate", "--events", Integer.toString(events));
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    /** The landing jobs the JobManager knows. */
    private List<JsonNode> landingJobs() throws IOException, InterruptedException {
        return StreamSupport.stream(rest("/jobs/overview").path("jobs").spliterator(), false)
                .filter(job -> job.path("name").asText().equals(LANDING)).toList();
    }

    private JsonNode rest(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + restPort + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }
}
