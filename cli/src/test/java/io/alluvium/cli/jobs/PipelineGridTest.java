package io.alluvium.cli.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.alluvium.orchestrator.Attempt;
import io.alluvium.orchestrator.AttemptState;
import io.alluvium.orchestrator.Run;
import io.alluvium.orchestrator.RunState;
import io.alluvium.orchestrator.TaskRun;
import io.alluvium.orchestrator.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grid of {@code pipeline status}: a cell per task of each run, and failed tasks with their log's last lines. */
class PipelineGridTest {
    private static final List<String> TASKS = List.of("silver", "gold", "publish");
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path logs;

    @Test
    void eachRunIsARowWithOneCellPerTaskInThePipelinesOrder() {
        PipelineGrid.RunRecord ok = new PipelineGrid.RunRecord(run(1, RunState.SUCCEEDED), List.of(
                task("silver", TaskState.SUCCEEDED, 1, 42), task("gold", TaskState.SUCCEEDED, 2, 70),
                task("publish", TaskState.SUCCEEDED, 1, 3)), List.of());
        PipelineGrid.RunRecord failed = new PipelineGrid.RunRecord(run(2, RunState.FAILED), List.of(
                task("silver", TaskState.FAILED, 3, 95), task("gold", TaskState.SKIPPED, 0, -1),
                task("publish", TaskState.SKIPPED, 0, -1)), List.of());

        assertThat(PipelineGrid.rows(TASKS, List.of(ok, failed))).containsExactly(
                List.of("1", "succeeded", "ok 1× 42s", "ok 2× 70s", "ok 1× 3s"),
                List.of("2", "failed", "FAILED 3× 95s", "skipped", "skipped"));
    }

    @Test
    void aFailedTaskIsShownWithItsLastAttemptsErrorAndTheLastLinesOfItsLog() throws Exception {
        Path first = Files.writeString(logs.resolve("run-2-silver-1.log"), "attempt one\n");
        Path last = logs.resolve("run-2-silver-2.log");
        Files.write(last, IntStream.rangeClosed(1, 12).mapToObj(i -> i == 11 ? "" : "line " + i).toList());
        PipelineGrid.RunRecord failed = new PipelineGrid.RunRecord(run(2, RunState.FAILED), List.of(
                task("silver", TaskState.FAILED, 2, 60), task("gold", TaskState.SKIPPED, 0, -1),
                task("publish", TaskState.SKIPPED, 0, -1)), List.of(
                attempt("silver", 1, first, "catalog down"), attempt("silver", 2, last, "catalog still down")));

        assertThat(PipelineGrid.failures(TASKS, List.of(failed))).containsExactly(new PipelineGrid.Failure(2,
                "silver", 2, "catalog still down", last.toString(),
                List.of("line 7", "line 8", "line 9", "line 10", "line 12")));
    }

    @Test
    void aLogThatIsGoneGivesNoLinesRatherThanAnError() {
        assertThat(PipelineGrid.tail(logs.resolve("missing.log").toString())).isEmpty();
        assertThat(PipelineGrid.tail(null)).isEmpty();
    }

    private static Run run(long id, RunState state) {
        return new Run(id, "platform", "manual", Optional.empty(), state, null, T0, Optional.of(T0.plusSeconds(600)),
                Optional.empty());
    }

    /** A task that ran {@code seconds} (none when negative: it never started). */
    private static TaskRun task(String name, TaskState state, int attempts, int seconds) {
        return new TaskRun(name, state, attempts, null, seconds < 0 ? Optional.empty() : Optional.of(T0),
                seconds < 0 ? Optional.of(T0) : Optional.of(T0.plusSeconds(seconds)));
    }

    private static Attempt attempt(String task, int n, Path log, String error) {
        return new Attempt(task, n, AttemptState.FAILED, "host/1/1", log.toString(), error, T0,
                Optional.of(T0.plusSeconds(30)));
    }
}
