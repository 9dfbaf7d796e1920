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

    AttemptKey next() {
        return new AttemptKey(runId, task, attempt + 1);
    }
}
