package io.alluvium.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.config.AlluviumSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alluvium run} left alone while the generator sends events in bursts: it starts the services, keeps landing
 * and the realtime job running, and its data trigger builds Silver and Gold by itself after each burst, until the
 * platform reconciles (every invariant, against what was sent); then SIGTERM, as Ctrl-C, stops it cleanly: the jobs
 * with their final savepoints, the services it started (docs/orchestration.md#alluvium-run).
 */
class UnattendedRunTest {
    private static final Duration CATCH_UP = Duration.ofMinutes(12);

    @TempDir
    static Path dataDir;

    private static CliRun cli;
    private static Process run;

    @AfterAll
    static void stop() throws InterruptedException {
        if (run != null && run.isAlive()) {
            run.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
        }
        if (cli != null) {
            cli.run("down");
        }
    }

    @Test
    void leftRunningItBuildsSilverAndGoldAfterEachBurstByItselfAndStopsCleanly() throws Exception {
        cli = new CliRun(dataDir, Map.of(AlluviumSettings.PIPELINE_NEW_DATA_INTERVAL, "2s"));
        Path output = dataDir.resolve("run");
        run = cli.spawn(output, "run");
        Path err = output.resolveSibling("run.err");
        await().atMost(Duration.ofMinutes(3)).until(() -> !run.isAlive() || CliRun.read(err).contains("▸ running:"));
        assertThat(run.isAlive()).as(CliRun.read(err)).isTrue();

        long sent = 0;
        for (int burst = 1; burst <= 2; burst++) {
            CliRun.Result generated = cli.run("generate", "--events", "1500", "--seed", Integer.toString(burst),
                    "--json");
            assertThat(generated.exitCode()).as(generated.toString()).isZero();
            for (JsonNode topic : generated.json().path("topics")) {
                sent += topic.path("sent").asLong();
            }
            long all = sent;
            await().atMost(CATCH_UP).pollInterval(Duration.ofSeconds(5))
                    .until(() -> !run.isAlive() || succeededRunFrom(all).isPresent());
            assertThat(run.isAlive()).as(CliRun.read(err)).isTrue();
        }
        JsonNode last = succeededRunFrom(sent).orElseThrow();
        assertThat(last.path("trigger").asText()).isEqualTo("data");
        for (JsonNode task : last.path("tasks")) {
            assertThat(task.path("state").asText()).as(task.toString()).isEqualTo("succeeded");
        }

        CliRun.Result reconcile = cli.run("reconcile", "--json");
        assertThat(reconcile.exitCode()).as(reconcile.toString()).isZero();
        assertThat(reconcile.json().path("ok").asBoolean()).as(reconcile.toString()).isTrue();
        String told = CliRun.read(err);
        assertThat(told).contains("▸ run " + last.path("run").asLong() + " started by data (bronze.")
                .containsPattern("▸ run " + last.path("run").asLong() + " succeeded in \\d+[sm]")
                .containsPattern("landing (\\d+|starting).*realtime (\\d+|starting).*next run: on new data");

        run.destroy();
        assertThat(run.waitFor(4, TimeUnit.MINUTES)).as("run stops within 4 minutes").isTrue();
        told = CliRun.read(err);
        assertThat(told).contains("▸ stopping: the scheduler, the jobs (final savepoints), then the services")
                .containsPattern("landing stopped, savepoint \\S+")
                .containsPattern("realtime stopped, savepoint \\S+")
                .doesNotContain("Exception");
        CliRun.Result status = cli.run("status", "--json");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.json().path("services")).as(status.toString()).hasSize(3);
        for (JsonNode service : status.json().path("services")) {
            assertThat(service.path("state").asText()).as(service.toString()).isNotEqualTo("running");
        }
    }

    /** The latest succeeded run that started from Bronze holding {@code sent} rows, as pipeline history shows it. */
    private static Optional<JsonNode> succeededRunFrom(long sent) {
        CliRun.Result history = cli.run("pipeline", "history", "--limit", "20", "--json");
        if (history.exitCode() != 0) {
            return Optional.empty();
        }
        for (JsonNode r : history.json().path("runs")) {
            if (r.path("state").asText().equals("succeeded") && rows(r.path("input").asText("")) == sent) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The rows of {@code bronze.clicks=… bronze.orders=… bronze.payments=…}. */
    private static long rows(String input) {
        long rows = 0;
        for (String table : input.split(" ")) {
            int eq = table.indexOf('=');
            if (eq > 0) {
                rows += Long.parseLong(table.substring(eq + 1));
            }
        }
        return rows;
    }
}
