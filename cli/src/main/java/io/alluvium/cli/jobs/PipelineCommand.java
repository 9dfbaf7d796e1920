package io.alluvium.cli.jobs;

import io.alluvium.cli.JobFailure;
import io.alluvium.cli.PlatformCommand;
import io.alluvium.cli.UserError;
import io.alluvium.cli.platform.Preflight;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.orchestrator.Orchestrator;
import io.alluvium.orchestrator.Pipeline;
import io.alluvium.orchestrator.Run;
import io.alluvium.orchestrator.RunState;
import io.alluvium.orchestrator.RunStore;
import io.alluvium.orchestrator.Task;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code alluvium pipeline run|history}: one run of the platform's pipeline started by hand and followed to its end
 * on this machine's scheduler instance, and the runs recorded in the catalog database, task by task
 * (docs/orchestration.md#pipeline-run-and-history).
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {"run: run the platform's pipeline once (silver -> gold -> publish, quality -> maintain), each"
                + " task retried by its policy; exit 1 if the run fails.",
            "history: the latest runs, task by task: state, attempts, duration, log file, reason."})
public final class PipelineCommand extends PlatformCommand {
    /** What to do. */
    enum Action { run, history }

    @Parameters(index = "0", paramLabel = "ACTION", description = "${COMPLETION-CANDIDATES}")
    Action action;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10",
            description = "history: how many of the latest runs to show (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new UserError("--limit must be at least 1, got " + limit);
        }
        AlluviumConfig config = config();
        Preflight.requireCatalog(config);
        try {
            if (action == Action.history) {
                RunStore store = RunStore.open(config);
                PipelineHistory.show(store, store.latest(PlatformPipeline.NAME, limit), console());
                return 0;
            }
            return run(config.with(AlluviumSettings.CONSOLE_PROGRESS, "false"));
        } catch (SQLException e) {
            throw new IllegalStateException("the catalog database failed: " + e.getMessage(), e);
        }
    }

    /** Tasks run side by side on this instance: their progress bars would interleave, so none is drawn. */
    private int run(AlluviumConfig config) throws SQLException {
        Pipeline pipeline = PlatformPipeline.of(config);
        try (Orchestrator orchestrator = Orchestrator.start(config, pipeline)) {
            long runId = orchestrator.trigger("manual", Optional.empty());
            console().step("run " + runId + " of pipeline " + pipeline.name() + ": " + pipeline.tasks().stream()
                    .map(Task::name).collect(Collectors.joining(", ")) + " (logs in "
                    + config.getString(AlluviumSettings.DATA_DIR) + "/logs/pipeline-run-" + runId + "-*.log)");
            Run run = awaitEnd(orchestrator.runs(), runId,
                    config.getDuration(AlluviumSettings.ORCHESTRATOR_POLL_INTERVAL));
            PipelineHistory.show(orchestrator.runs(), List.of(run), console());
            if (run.state() == RunState.FAILED) {
                throw new JobFailure("pipeline run " + runId + " failed: " + run.reason());
            }
            return 0;
        }
    }

    private static Run awaitEnd(RunStore runs, long runId, Duration poll) throws SQLException {
        while (true) {
            Run run = runs.run(runId).orElseThrow();
            if (run.state() != RunState.RUNNING) {
                return run;
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JobFailure("interrupted while pipeline run " + runId + " was running; a scheduler started"
                        + " later goes on with it");
            }
        }
    }
}
