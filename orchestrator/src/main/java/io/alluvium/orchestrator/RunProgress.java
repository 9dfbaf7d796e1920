package io.alluvium.orchestrator;

import io.alluvium.config.ConfigDef;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What follows an attempt, decided from the pipeline and recorded in the {@link RunStore}: after a success, the
 * downstream tasks whose upstream tasks have all succeeded are queued; after a failure, the next attempt is
 * scheduled at the end of the task's backoff, or, once its attempts are spent, the task fails and every task
 * downstream of it is skipped with the reason; the run ends when no task is left to run. Every step is safe to
 * repeat, as a scheduler that replays the execution of one that died repeats them
 * (docs/orchestration.md#durability).
 */
final class RunProgress {
    private final Pipeline pipeline;
    private final RunStore store;
    private final AttemptQueue queue;

    RunProgress(Pipeline pipeline, RunStore store, AttemptQueue queue) {
        this.pipeline = pipeline;
        this.store = store;
        this.queue = queue;
    }

    /** Queues the tasks a new run starts with. */
    void start(long runId) throws SQLException {
        queueReady(runId, pipeline.roots());
    }

    /**
     * Queues the cleared {@code tasks} of an ended run again (their state already reset by the caller) where their
     * upstream tasks have succeeded; the others follow as those succeed.
     */
    void restart(long runId, List<Task> tasks) throws SQLException {
        queueReady(runId, tasks);
    }

    void after(AttemptKey attempt, Outcome outcome) throws SQLException {
        Task task = pipeline.task(attempt.task());
        // the retry policy counts the attempts since the task was last cleared
        int sinceCleared = attempt.attempt() - store.attemptBase(attempt.runId(), task.name());
        if (outcome.succeeded()) {
            store.setTask(attempt.runId(), task.name(), TaskState.SUCCEEDED, null);
            queueReady(attempt.runId(), pipeline.directDownstream(task.name()));
        } else if (task.retry().retriesAfter(sinceCleared)) {
            Instant next = Instant.now().plus(task.retry().backoffAfter(sinceCleared));
            store.setTask(attempt.runId(), task.name(), TaskState.QUEUED, "attempt " + attempt.attempt()
                    + " failed: " + outcome.error() + "; attempt " + (attempt.attempt() + 1) + " after "
                    + ConfigDef.formatDuration(task.retry().backoffAfter(sinceCleared)));
            queue.schedule(attempt.next(), next);
        } else {
            store.setTask(attempt.runId(), task.name(), TaskState.FAILED, "failed after " + sinceCleared
                    + (sinceCleared == 1 ? " attempt: " : " attempts: ") + outcome.error());
            store.skip(attempt.runId(), pipeline.allDownstream(task.name()), "upstream task " + task.name()
                    + " failed");
        }
        store.finishRunIfDone(attempt.runId());
    }

    private void queueReady(long runId, List<Task> candidates) throws SQLException {
        for (Task task : candidates) {
            Optional<Integer> attempt = store.queueIfReady(runId, task);
            if (attempt.isPresent()) {
                queue.schedule(new AttemptKey(runId, task.name(), attempt.get()), Instant.now());
            }
        }
    }
}
