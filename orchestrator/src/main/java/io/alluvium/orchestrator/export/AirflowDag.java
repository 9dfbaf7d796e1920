package io.alluvium.orchestrator.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alluvium.orchestrator.Pipeline;
import io.alluvium.orchestrator.RetryPolicy;
import io.alluvium.orchestrator.Schedule;
import io.alluvium.orchestrator.Task;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A pipeline as an Airflow DAG file, for running it on an Airflow that already schedules a team's jobs (MWAA or
 * self-managed): each task a {@code BashOperator} running the task's CLI command, with the task's retry policy
 * ({@code retries}, {@code retry_delay}, exponential backoff capped at the policy's longest wait) and timeout
 * ({@code execution_timeout}), the pipeline's dependencies as {@code >>}, and {@code pipeline.schedule} as the
 * DAG's schedule. A partitioned task gets its run's logical date ({@code --day {{ ds }}}), so that
 * {@code airflow dags backfill} runs it once per day (docs/orchestration.md#export-to-airflow-or-step-functions).
 */
public final class AirflowDag {
    /** A word the shell takes as it is; anything else is single-quoted. */
    private static final Pattern SHELL_WORD = Pattern.compile("[A-Za-z0-9_./=:,+@%-]+");
    /** JSON's string literals are Python's too: Jackson quotes every text put into the file. */
    private static final ObjectMapper QUOTER = new ObjectMapper();

    private AirflowDag() {
    }

    /** The file's name in Airflow's dags/ folder. */
    public static String fileName(Pipeline pipeline) {
        return dagId(pipeline) + ".py";
    }

    private static String dagId(Pipeline pipeline) {
        return "alluvium_" + pipeline.name();
    }

    /** The DAG file's Python source. */
    public static String source(Pipeline pipeline, Schedule schedule) {
        List<String> lines = new ArrayList<>(List.of(
                "# Alluvium pipeline " + pipeline.name() + ", exported by `alluvium pipeline export --airflow`.",
                "# Each task runs the alluvium CLI, which must be on the PATH of the Airflow workers.",
                "from datetime import datetime, timedelta, timezone",
                "",
                "from airflow import DAG",
                "",
                "try:",
                "    from airflow.providers.standard.operators.bash import BashOperator",
                "except ImportError:  # Airflow 2",
                "    from airflow.operators.bash import BashOperator",
                "",
                "with DAG(",
                "    dag_id=" + quote(dagId(pipeline)) + ",",
                "    schedule=" + schedule.cron().map(AirflowDag::quote).orElse("None") + ",",
                "    start_date=datetime(2024, 1, 1, tzinfo=timezone.utc),",
                "    catchup=False,",
                "    max_active_runs=1,",
                "    tags=[\"alluvium\"],",
                ") as dag:",
                "    tasks = {}"));
        for (Task task : pipeline.tasks()) {
            lines.addAll(operator(pipeline, task));
        }
        lines.add("");
        for (Task task : pipeline.tasks()) {
            List<Task> downstream = pipeline.directDownstream(task.name());
            if (!downstream.isEmpty()) {
                lines.add("    " + reference(task) + " >> " + (downstream.size() == 1 ? reference(downstream.get(0))
                        : downstream.stream().map(AirflowDag::reference).collect(Collectors.joining(", ", "[", "]"))));
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static List<String> operator(Pipeline pipeline, Task task) {
        List<String> lines = new ArrayList<>();
        lines.add("    " + reference(task) + " = BashOperator(");
        lines.add("        task_id=" + quote(task.name()) + ",");
        lines.add("        bash_command=" + quote(bashCommand(pipeline, task)) + ",");
        RetryPolicy policy = task.retry();
        lines.add("        retries=" + (policy.attempts() - 1) + ",");
        if (policy.attempts() > 1) {
            lines.add("        retry_delay=" + timedelta(policy.firstBackoff()) + ",");
            if (policy.multiplier() > 1) {
                lines.add("        retry_exponential_backoff=True,");
                lines.add("        max_retry_delay=" + timedelta(policy.backoffAfter(policy.attempts() - 1)) + ",");
            }
        }
        lines.add("        execution_timeout=" + timedelta(task.timeout()) + ",");
        lines.add("    )");
        return lines;
    }

    private static String bashCommand(Pipeline pipeline, Task task) {
        String line = TaskCommand.of(pipeline.name(), task).stream().map(AirflowDag::shellWord)
                .collect(Collectors.joining(" "));
        return task.partitioned() ? line + " " + TaskCommand.DAY_OPTION + " {{ ds }}" : line;
    }

    private static String shellWord(String word) {
        return SHELL_WORD.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    private static String reference(Task task) {
        return "tasks[" + quote(task.name()) + "]";
    }

    private static String timedelta(Duration duration) {
        return "timedelta(seconds=" + BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString()
                + ")";
    }

    private static String quote(String text) {
        try {
            return QUOTER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always serializes", e);
        }
    }
}
