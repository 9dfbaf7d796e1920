package io.alluvium.cli.bench;

import io.alluvium.cli.JobFailure;
import io.alluvium.orchestrator.AttemptContext;
import io.alluvium.orchestrator.Pipeline;
import io.alluvium.orchestrator.Task;
import io.alluvium.runtime.DataDir;
import java.util.Optional;

/**
 * A pipeline's tasks run by hand: each task's own action, once, one after another in the pipeline's order (every
 * task after its upstream tasks), in this thread, with no scheduler, run store or retry. The baseline of
 * {@code bench pipeline}: what a user typing the tasks' commands one after the other would run, taken from the very
 * {@link Pipeline} the orchestrator runs, so that nothing is declared twice. The first task that fails stops it.
 */
final class TasksByHand {
    private final Pipeline pipeline;
    private final DataDir dataDir;

    TasksByHand(Pipeline pipeline, DataDir dataDir) {
        this.pipeline = pipeline;
        this.dataDir = dataDir;
    }

    /**
     * Runs every task once. Each action runs as the process {@code <name>-<task>} (its child JVM's log is that
     * process's log), told it is attempt 1 of run {@code run}, with no event day: a run triggered by hand has none.
     */
    void run(String name, long run) {
        for (Task task : pipeline.tasks()) {
            String processName = name + "-" + task.name();
            try {
                task.action().run(new AttemptContext(run, task.name(), 1, Optional.empty(), processName,
                        dataDir.log(processName)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JobFailure("interrupted while task " + task.name() + " ran by hand");
            } catch (Exception e) {
                throw new JobFailure("task " + task.name() + " failed, run by hand: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
        }
    }
}
