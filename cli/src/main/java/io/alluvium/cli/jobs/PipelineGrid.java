package io.alluvium.cli.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.cli.Console;
import io.alluvium.orchestrator.Attempt;
import io.alluvium.orchestrator.AttemptState;
import io.alluvium.orchestrator.Run;
import io.alluvium.orchestrator.RunStore;
import io.alluvium.orchestrator.TaskRun;
import io.alluvium.orchestrator.TaskState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code alluvium pipeline status}: the latest runs as a grid, a row per run and a column per task, as Airflow's grid
 * view shows a DAG's runs, each cell the task's state, attempts and duration; then each failed task of those runs with
 * its last attempt's error and the last lines of that attempt's log, so that why a run failed is on the screen without
 * opening a file (docs/orchestration.md#pipeline-status).
 */
final class PipelineGrid {
    /** Lines of a failed attempt's log shown under the grid. */
    static final int LOG_TAIL_LINES = 5;

    /** A run with what was recorded of its tasks and attempts. */
    record RunRecord(Run run, List<TaskRun> tasks, List<Attempt> attempts) {
        Optional<TaskRun> task(String name) {
            return tasks.stream().filter(t -> t.task().equals(name)).findFirst();
        }

        Optional<Attempt> lastAttempt(String task) {
            return attempts.stream().filter(a -> a.task().equals(task)).reduce((earlier, later) -> later);
        }
    }

    /** A failed task: its last attempt, that attempt's error, log file and the log's last lines. */
    record Failure(long run, String task, int attempt, String error, String logFile, List<String> logTail) {
    }

    private PipelineGrid() {
    }

    static void show(RunStore store, List<String> taskNames, List<Run> runs, Console console) throws SQLException {
        List<RunRecord> records = new ArrayList<>();
        for (Run run : runs) {
            records.add(new RunRecord(run, store.tasks(run.id()), store.attempts(run.id())));
        }
        if (console.json()) {
            console.printJson(json(taskNames, records));
            return;
        }
        if (records.isEmpty()) {
            console.info("no runs yet: start one with alluvium pipeline run");
            return;
        }
        List<String> headers = new ArrayList<>(List.of("run", "state"));
        headers.addAll(taskNames);
        console.table(headers, rows(taskNames, records));
        for (Failure f : failures(taskNames, records)) {
            console.info("run " + f.run() + ", task " + f.task() + ", attempt " + f.attempt() + " failed: " + f.error());
            console.info("  log " + f.logFile() + (f.logTail().isEmpty() ? " (empty or gone)" : ", last lines:"));
            f.logTail().forEach(line -> console.info("  | " + line));
        }
    }

    /** A row per run: its id and state, then a cell per task. */
    static List<List<String>> rows(List<String> taskNames, List<RunRecord> runs) {
        List<List<String>> rows = new ArrayList<>();
        for (RunRecord r : runs) {
            List<String> row = new ArrayList<>(List.of(Long.toString(r.run().id()), name(r.run().state())));
            taskNames.forEach(task -> row.add(r.task(task).map(PipelineGrid::cell).orElse("")));
            rows.add(row);
        }
        return rows;
    }

    /** {@code ok 1× 42s}, {@code FAILED 3× 70s}, {@code skipped}, {@code running 2×}: short enough for a grid. */
    static String cell(TaskRun task) {
        String state = switch (task.state()) {
            case SUCCEEDED -> "ok";
            case FAILED -> "FAILED";
            default -> name(task.state());
        };
        String attempts = task.attempts() > 0 ? " " + task.attempts() + "×" : "";
        return state + attempts + duration(task).map(s -> " " + Math.round(s) + "s").orElse("");
    }

    /** Every failed task of {@code runs}, in grid order, with its last attempt's log tail. */
    static List<Failure> failures(List<String> taskNames, List<RunRecord> runs) {
        List<Failure> failures = new ArrayList<>();
        for (RunRecord r : runs) {
            for (String task : taskNames) {
                boolean failed = r.task(task).map(t -> t.state() == TaskState.FAILED).orElse(false);
                Optional<Attempt> last = r.lastAttempt(task).filter(a -> a.state() == AttemptState.FAILED);
                if (failed && last.isPresent()) {
                    Attempt a = last.get();
                    failures.add(new Failure(r.run().id(), task, a.attempt(), a.error(), a.logFile(),
                            tail(a.logFile())));
                }
            }
        }
        return failures;
    }

    /** The log's last {@link #LOG_TAIL_LINES} lines that are not blank; none when the file is missing. */
    static List<String> tail(String logFile) {
        if (logFile == null || !Files.isRegularFile(Path.of(logFile))) {
            return List.of();
        }
        try {
            List<String> lines = Files.readAllLines(Path.of(logFile), StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList();
            return lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
        } catch (IOException e) {
            return List.of("(cannot read the log: " + e.getMessage() + ")");
        }
    }

    private static ObjectNode json(List<String> taskNames, List<RunRecord> runs) {
        ObjectNode doc = Console.JSON.createObjectNode();
        doc.putPOJO("tasks", taskNames);
        ArrayNode shown = doc.putArray("runs");
        for (RunRecord r : runs) {
            ObjectNode run = shown.addObject();
            run.put("run", r.run().id());
            run.put("trigger", r.run().trigger());
            run.put("partition", r.run().partition().map(Object::toString).orElse(null));
            run.put("state", name(r.run().state()));
            run.put("created_at", r.run().createdAt().toString());
            ObjectNode cells = run.putObject("tasks");
            for (String task : taskNames) {
                r.task(task).ifPresent(t -> {
                    ObjectNode cell = cells.putObject(task);
                    cell.put("state", name(t.state()));
                    cell.put("attempts", t.attempts());
                    duration(t).ifPresentOrElse(s -> cell.put("duration_s", s), () -> cell.putNull("duration_s"));
                    cell.put("log_file", r.lastAttempt(task).map(Attempt::logFile).orElse(null));
                });
            }
        }
        ArrayNode failed = doc.putArray("failures");
        for (Failure f : failures(taskNames, runs)) {
            ObjectNode node = failed.addObject();
            node.put("run", f.run());
            node.put("task", f.task());
            node.put("attempt", f.attempt());
            node.put("error", f.error());
            node.put("log_file", f.logFile());
            ArrayNode tail = node.putArray("log_tail");
            f.logTail().forEach(tail::add);
        }
        return doc;
    }

    private static Optional<Double> duration(TaskRun task) {
        return task.startedAt().flatMap(s -> task.finishedAt().map(e -> Duration.between(s, e).toMillis() / 1000.0));
    }

    private static String name(Enum<?> state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
