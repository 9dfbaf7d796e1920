package io.alluvium.cli.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.cli.Console;
import io.alluvium.orchestrator.Attempt;
import io.alluvium.orchestrator.Run;
import io.alluvium.orchestrator.RunStore;
import io.alluvium.orchestrator.TaskRun;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs shown task by task, as {@code pipeline run} and {@code pipeline history} print them: each task's state,
 * attempts, duration, the log file of its last attempt and why it failed or was skipped; as a table, or as one
 * JSON document ({@code runs[]} with their {@code tasks[]}; docs/orchestration.md#pipeline-run-and-history).
 */
final class PipelineHistory {
    private PipelineHistory() {
    }

    static void show(RunStore store, List<Run> runs, Console console) throws SQLException {
        if (console.json()) {
            ObjectNode doc = Console.JSON.createObjectNode();
            ArrayNode shown = doc.putArray("runs");
            for (Run run : runs) {
                shown.add(json(store, run));
            }
            console.printJson(doc);
            return;
        }
        if (runs.isEmpty()) {
            console.info("no runs yet: start one with alluvium pipeline run");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (Run run : runs) {
            Map<String, String> logs = lastLogs(store, run.id());
            for (TaskRun task : store.tasks(run.id())) {
                rows.add(List.of(Long.toString(run.id()), run.state().name().toLowerCase(Locale.ROOT), task.task(),
                        task.state().name().toLowerCase(Locale.ROOT), Integer.toString(task.attempts()),
                        seconds(task.startedAt(), task.finishedAt()).map(s -> String.format("%.1f s", s)).orElse(""),
                        logs.getOrDefault(task.task(), ""), task.reason() == null ? "" : task.reason()));
            }
        }
        console.table(List.of("run", "run state", "task", "state", "attempts", "duration", "log", "reason"), rows);
    }

    private static ObjectNode json(RunStore store, Run run) throws SQLException {
        ObjectNode r = Console.JSON.createObjectNode();
        r.put("run", run.id());
        r.put("pipeline", run.pipeline());
        r.put("trigger", run.trigger());
        r.put("partition", run.partition().map(Object::toString).orElse(null));
        r.put("input", run.input().orElse(null));
        r.put("state", run.state().name().toLowerCase(Locale.ROOT));
        r.put("reason", run.reason());
        r.put("created_at", run.createdAt().toString());
        r.put("finished_at", run.finishedAt().map(Instant::toString).orElse(null));
        Map<String, String> logs = lastLogs(store, run.id());
        ArrayNode tasks = r.putArray("tasks");
        for (TaskRun task : store.tasks(run.id())) {
            ObjectNode t = tasks.addObject();
            t.put("task", task.task());
            t.put("state", task.state().name().toLowerCase(Locale.ROOT));
            t.put("attempts", task.attempts());
            t.put("reason", task.reason());
            t.put("started_at", task.startedAt().map(Instant::toString).orElse(null));
            t.put("finished_at", task.finishedAt().map(Instant::toString).orElse(null));
            seconds(task.startedAt(), task.finishedAt()).ifPresentOrElse(s -> t.put("duration_s", s),
                    () -> t.putNull("duration_s"));
            t.put("log_file", logs.get(task.task()));
        }
        return r;
    }

    /** Each task's last attempt's log file. */
    private static Map<String, String> lastLogs(RunStore store, long runId) throws SQLException {
        Map<String, String> logs = new LinkedHashMap<>();
        for (Attempt attempt : store.attempts(runId)) {
            logs.merge(attempt.task(), attempt.logFile(), (earlier, later) -> later);
        }
        return logs;
    }

    private static Optional<Double> seconds(Optional<Instant> start, Optional<Instant> end) {
        return start.flatMap(s -> end.map(e -> Duration.between(s, e).toMillis() / 1000.0));
    }
}
