package io.alluvium.orchestrator;

import java.time.Instant;

/**
 * Where attempts are put to run at a time: db-scheduler's table of executions, through which exactly one scheduler
 * instance picks each (docs/orchestration.md#durability). Scheduling an attempt already scheduled does nothing.
 */
@FunctionalInterface
interface AttemptQueue {
    void schedule(AttemptKey attempt, Instant at);
}
