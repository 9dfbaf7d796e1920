package io.alluvium.orchestrator;

import java.io.Serializable;

/**
 * Which attempt a db-scheduler execution runs: the data of each execution of the orchestrator's one-time task, and,
 * as {@link #instanceId()}, its instance id, so that scheduling the same attempt twice makes one execution
 * (docs/orchestration.md#durability).
 *
 * @param attempt from 1
 */
record AttemptKey(long runId, String task, int attempt) implements Serializable {
    private static final long serialVersionUID = 1L;

    String instanceId() {
        return "run-" + runId + "/" + task + "/" + attempt;
    }

    /**
     * The name of the attempt's process, {@code pipeline-run-<id>-<task>-<attempt>}: a child JVM its action starts
     * runs under it, so its log is {@code <data.dir>/logs/<name>.log} (docs/orchestration.md#what-is-stored).
     */
    String processName() {
        return "pipeline-run-" + runId + "-" + task + "-" + attempt;
    }

    AttemptKey next() {
        return new AttemptKey(runId, task, attempt + 1);
    }
}
