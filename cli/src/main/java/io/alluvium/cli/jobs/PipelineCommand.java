package io.alluvium.cli.jobs;

import io.alluvium.cli.JobFailure;
import io.alluvium.cli.PlatformCommand;
import io.alluvium.cli.UserError;
import io.alluvium.cli.platform.Preflight;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.config.ConfigDef;
import io.alluvium.orchestrator.Orchestrator;
import io.alluvium.orchestrator.Pipeline;
import io.alluvium.orchestrator.Run;
import io.alluvium.orchestrator.RunState;
import io.alluvium.orchestrator.RunStore;
import io.alluvium.orchestrator.Task;
import io.alluvium.orchestrator.Schedule;
import io.alluvium.orchestrator.Triggers;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code alluvium pipeline run|history|status|clear|scheduler|export}: one run of the platform's pipeline started by
 * hand, or tasks of an ended run cleared to run again, followed to the run's end on this machine's scheduler instance;
 * a scheduler instance that starts runs on {@code pipeline.schedule} until Ctrl-C
 * (docs/orchestration.md#pipeline-scheduler); the runs recorded in the catalog database, task by task
 * (docs/orchestration.md#pipeline-run-and-history) or as a grid (docs/orchestration.md#pipeline-status); and the
 * pipeline written out for Airflow or Step Functions (docs/orchestration.md#export-to-airflow-or-step-functions).
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {"run: run the platform's pipeline once (silver -> gold -> publish, quality -> maintain), each"
                + " task retried by its policy; exit 1 if the run fails.",
            "history: the latest runs, task by task: state, attempts, duration, log file, reason.",
            "status: the latest runs as a grid (a row per run, a column per task), then each failed task's error and"
                + " the last lines of its log.",
            "clear RUN TASK [--downstream]: run TASK of an ended run again, then the tasks its failure skipped (with"
                + " --downstream every task after it), followed to the run's end; exit 1 if the run fails.",
            "scheduler: run a scheduler instance until Ctrl-C: it starts a run when Bronze has new data (looked for"
                + " every pipeline.new-data-interval) and at each time pipeline.schedule (a cron expression, UTC) names,"
                + " unless one is running, and runs the attempts due, also those of instances that died.",
            "export: write the pipeline as an Airflow DAG file (--airflow DIR) and/or an AWS Step Functions state"
                + " machine (--step-functions FILE), with the same commands, retries and schedule."})
public final class PipelineCommand extends PlatformCommand {
    /** What to do. */
    enum Action { run, history, status, clear, scheduler, export }

    @Parameters(index = "0", paramLabel = "ACTION", description = "${COMPLETION-CANDIDATES}")
    Action action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "RUN", description = "clear: the run (an id that status"
            + " and history show).")
    Long clearedRun;

    @Parameters(index = "2", arity = "0..1", paramLabel = "TASK", description = "clear: the task to run again.")
    String clearedTask;

    @Option(names = "--downstream", description = "clear: also run again every task downstream of TASK (those its"
            + " failure skipped run again anyway).")
    boolean downstream;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10",
            description = "history, status: how many of the latest runs to show (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--airflow", paramLabel = "DIR",
            description = "export: write the Airflow DAG file (alluvium_platform.py) into DIR.")
    Path airflowDir;

    @Option(names = "--step-functions", paramLabel = "FILE",
            description = "export: write the Step Functions state machine (Amazon States Language JSON) to FILE.")
    Path stepFunctionsFile;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new UserError("--limit must be at least 1, got " + limit);
        }
        boolean exportTarget = airflowDir != null || stepFunctionsFile != null;
        if (action == Action.export && !exportTarget) {
            throw new UserError("pipeline export needs --airflow DIR or --step-functions FILE (or both)");
        }
        if (action != Action.export && exportTarget) {
            throw new UserError("--airflow and --step-functions go with pipeline export, not pipeline " + action);
        }
        boolean clearTarget = clearedRun != null || clearedTask != null || downstream;
        if (action == Action.clear && (clearedRun == null || clearedTask == null)) {
            throw new UserError("usage: alluvium pipeline clear RUN TASK [--downstream] (alluvium pipeline status"
                    + " shows the runs and their tasks)");
        }
        if (action != Action.clear && clearTarget) {
            throw new UserError("a run, a task and --downstream go with pipeline clear, not pipeline " + action);
        }
        AlluviumConfig config = config();
        if (action == Action.export) {
            export(PlatformPipeline.of(config), Schedule.of(config));
            return 0;
        }
        if (action == Action.scheduler) {
            triggers(config); // nothing to start runs is said before the database is looked for
        }
        Preflight.requireCatalog(config);
        try {
            if (action == Action.history || action == Action.status) {
                RunStore store = RunStore.open(config);
                List<Run> runs = store.latest(PlatformPipeline.NAME, limit);
                if (action == Action.history) {
                    PipelineHistory.show(store, runs, console());
                } else {
                    PipelineGrid.show(store, PlatformPipeline.of(config).tasks().stream().map(Task::name).toList(),
                            runs, console());
                }
                return 0;
            }
            if (action == Action.scheduler) {
                return schedule(config.with(AlluviumSettings.CONSOLE_PROGRESS, "false"));
            }
            return follow(config.with(AlluviumSettings.CONSOLE_PROGRESS, "false"));
        } catch (SQLException e) {
            throw new IllegalStateException("the catalog database failed: " + e.getMessage(), e);
        }
    }

    /** Writes each file asked for and says where; the schedule was checked before anything was written. */
    private void export(Pipeline pipeline, Schedule schedule) {
        if (airflowDir != null) {
            console().info("wrote the Airflow DAG " + PipelineExport.airflow(pipeline, schedule, airflowDir)
                    + " (schedule: " + schedule.cron().orElse("none, runs started by hand") + ")");
        }
        if (stepFunctionsFile != null) {
            console().info("wrote the Step Functions state machine "
                    + PipelineExport.stepFunctions(pipeline, stepFunctionsFile) + " (input: {\"ClusterId\": \"j-...\"}"
                    + schedule.cron().map(c -> "; start it with an EventBridge rule for cron " + c).orElse("") + ")");
        }
    }

    /**
     * A new run ({@code run}), or the cleared tasks of an ended one ({@code clear}), followed to the run's end on a
     * scheduler instance in this JVM. Tasks run side by side on it: their progress bars would interleave, so none is
     * drawn.
     */
    private int follow(AlluviumConfig config) throws SQLException {
        Pipeline pipeline = PlatformPipeline.of(config);
        try (Orchestrator orchestrator = Orchestrator.start(config, pipeline)) {
            long runId;
            List<String> tasks;
            if (action == Action.clear) {
                runId = clearedRun;
                tasks = orchestrator.clear(runId, clearedTask, downstream);
            } else {
                runId = orchestrator.trigger("manual", Optional.empty());
                tasks = pipeline.tasks().stream().map(Task::name).toList();
            }
            console().step((action == Action.clear ? "run " + runId + " again, tasks " : "run " + runId + " of pipeline "
                    + pipeline.name() + ": ") + String.join(", ", tasks) + " (logs in "
                    + config.getString(AlluviumSettings.DATA_DIR) + "/logs/pipeline-run-" + runId + "-*.log)");
            Run run = RunEnd.await(orchestrator.runs(), runId,
                    config.getDuration(AlluviumSettings.ORCHESTRATOR_POLL_INTERVAL));
            PipelineHistory.show(orchestrator.runs(), List.of(run), console());
            if (run.state() == RunState.FAILED) {
                throw new JobFailure("pipeline run " + runId + " failed: " + run.reason());
            }
            return 0;
        }
    }

    private static Triggers triggers(AlluviumConfig config) {
        return Triggers.of(config, PlatformPipeline.input(config)).required();
    }

    /** A triggered instance in this JVM until Ctrl-C, which stops it: it waits for the attempts it is running. */
    private int schedule(AlluviumConfig config) throws SQLException {
        Triggers triggers = triggers(config);
        Pipeline pipeline = PlatformPipeline.of(config);
        Orchestrator orchestrator = Orchestrator.triggered(config, pipeline, triggers);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            orchestrator.close();
            stopped.countDown();
        }, "pipeline-scheduler-shutdown"));
        List<String> when = new ArrayList<>();
        triggers.input().ifPresent(i -> when.add("when Bronze has new data (looked for every "
                + ConfigDef.formatDuration(triggers.lookEvery()) + ")"));
        triggers.schedule().cron().ifPresent(cron -> when.add("at each \"" + cron + "\" (UTC)"));
        console().step("scheduler " + orchestrator.name() + " of pipeline " + pipeline.name() + ": a run "
                + String.join(" and ", when) + " unless one is running; runs and their attempts: alluvium pipeline"
                + " status (Ctrl-C stops)");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
