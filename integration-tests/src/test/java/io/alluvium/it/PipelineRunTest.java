package io.alluvium.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alluvium pipeline run} on the real platform: the batch steps run as the pipeline's tasks in their Spark
 * child JVMs, the run and its attempts land in the catalog's PostgreSQL, {@code pipeline history} shows them with
 * their log files; a quality check that fails (events sent but not landed) fails the run and skips maintain
 * (docs/orchestration.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineRunTest {
    private static final String EVENTS = "2000";
    private static final List<String> TASKS = List.of("silver", "gold", "publish", "quality", "maintain");

    @TempDir
    static Path dataDir;

    private CliRun cli;

    @BeforeAll
    void up() {
        cli = new CliRun(dataDir);
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
    void aRunOfThePlatformsPipelineRunsEveryStepAndIsInTheHistory() throws Exception {
        assertThat(cli.run("generate", "--events", EVENTS).exitCode()).isZero();
        CliRun.Result land = cli.run("stream", "start", "landing", "--until-caught-up");
        assertThat(land.exitCode()).as(land.toString()).isZero();

        CliRun.Result run = cli.run("pipeline", "run", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode shown = run.json().path("runs").get(0);
        assertThat(shown.path("state").asText()).isEqualTo("succeeded");
        assertThat(names(shown)).containsExactlyElementsOf(TASKS);
        for (JsonNode task : shown.path("tasks")) {
            assertThat(task.path("state").asText()).as(task.toString()).isEqualTo("succeeded");
            assertThat(task.path("attempts").asInt()).as(task.toString()).isEqualTo(1);
            Path log = Path.of(task.path("log_file").asText());
            assertThat(log).as(task.toString()).exists().hasFileName("pipeline-run-" + shown.path("run").asLong()
                    + "-" + task.path("task").asText() + "-1.log");
            assertThat(Files.size(log)).as(task.toString()).isPositive();
        }
        CliRun.Result silver = cli.run("sql", "SELECT count(*) AS n FROM silver.orders", "--json");
        assertThat(silver.json().path("rows").get(0).get(0).asLong()).isPositive();

        CliRun.Result history = cli.run("pipeline", "history", "--json");
        assertThat(history.exitCode()).as(history.toString()).isZero();
        assertThat(history.json().path("runs")).hasSize(1);
        assertThat(history.json().at("/runs/0/run").asLong()).isEqualTo(shown.path("run").asLong());
    }

    @Test
    @Order(2)
    void aFailedQualityCheckFailsTheRunAndSkipsMaintainWithTheReason() {
        // sent but never landed: Bronze lacks them, so invariant 1 fails
        assertThat(cli.run("generate", "--events", EVENTS).exitCode()).isZero();

        CliRun.Result run = cli.run("pipeline", "run");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("pipeline run 2 failed: task quality failed after 1 attempt: invariants do not"
                + " hold: invariant 1 ");
        CliRun.Result history = cli.run("pipeline", "history", "--limit", "1", "--json");
        JsonNode last = history.json().at("/runs/0");
        assertThat(last.path("run").asLong()).isEqualTo(2);
        assertThat(last.path("state").asText()).isEqualTo("failed");
        JsonNode maintain = last.path("tasks").get(4);
        assertThat(maintain.path("task").asText()).isEqualTo("maintain");
        assertThat(maintain.path("state").asText()).isEqualTo("skipped");
        assertThat(maintain.path("reason").asText()).isEqualTo("upstream task quality failed");
        assertThat(last.path("tasks").get(2).path("state").asText()).as("publish does not depend on quality")
                .isEqualTo("succeeded");
    }

    private static List<String> names(JsonNode run) {
        List<String> names = new ArrayList<>();
        run.path("tasks").forEach(t -> names.add(t.path("task").asText()));
        return names;
    }
}
