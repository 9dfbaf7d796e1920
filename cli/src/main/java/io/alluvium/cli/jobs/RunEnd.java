package io.alluvium.cli.jobs;

import io.alluvium.cli.JobFailure;
import io.alluvium.orchestrator.Run;
import io.alluvium.orchestrator.RunState;
import io.alluvium.orchestrator.RunStore;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Waits for a pipeline run to end, reading its state from the run store: how {@code pipeline run} follows the run
 * it triggered, and how {@code bench pipeline} times one.
 */
public final class RunEnd {
    private RunEnd() {
    }

    /** The run once it is no longer running, looked up every {@code poll}. */
    public static Run await(RunStore runs, long runId, Duration poll) throws SQLException {
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
