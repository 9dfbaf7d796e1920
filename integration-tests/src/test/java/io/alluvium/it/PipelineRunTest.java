package io.alluvium.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alluvium pipeline run} on the real platform: the batch steps run as the pipeline's tasks in their Spark
 * child JVMs, the run and its attempts land in the catalog's PostgreSQL, {@code pipeline history} shows them with
 * their log files and {@code pipeline status} as a grid, and {@code pipeline clear} runs one task of it again
 * (docs/orchestration.md). What a failed task does to its run and the tasks downstream, and clearing it, are proven
 * on the real catalog database by the orchestrator module's own tests, without the minutes of Spark steps a failing
 * run here would take.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
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

        CliRun.Result grid = cli.run("pipeline", "status");
        assertThat(grid.exitCode()).as(grid.toString()).isZero();
        assertThat(grid.out()).as(grid.toString()).contains(TASKS).contains("ok 1×")
                .doesNotContain("FAILED", "last lines");
        CliRun.Result gridJson = cli.run("pipeline", "status", "--json");
        assertThat(gridJson.exitCode()).as(gridJson.toString()).isZero();
        for (String task : TASKS) {
            assertThat(gridJson.json().at("/runs/0/tasks/" + task + "/state").asText()).as(task).isEqualTo("succeeded");
        }
        assertThat(gridJson.json().path("failures")).isEmpty();

        long runId = shown.path("run").asLong();
        CliRun.Result clear = cli.run("pipeline", "clear", Long.toString(runId), "publish", "--json");
        assertThat(clear.exitCode()).as(clear.toString()).isZero();
        JsonNode cleared = clear.json().path("runs").get(0);
        assertThat(cleared.path("state").asText()).isEqualTo("succeeded");
        for (JsonNode task : cleared.path("tasks")) {
            boolean publish = task.path("task").asText().equals("publish");
            assertThat(task.path("attempts").asInt()).as(task.toString()).isEqualTo(publish ? 2 : 1);
            assertThat(task.path("log_file").asText()).as(task.toString())
                    .endsWith("-" + task.path("task").asText() + "-" + (publish ? 2 : 1) + ".log");
        }
    }

    private static List<String> names(JsonNode run) {
        List<String> names = new ArrayList<>();
        run.path("tasks").forEach(t -> names.add(t.path("task").asText()));
        return names;
    }
}
