package io.alluvium.orchestrator;

import java.time.Instant;
import java.util.Optional;

/** One task within a run as stored: its state, how many attempts it has had, and why it failed or was skipped. */
public record TaskRun(String task, TaskState state, int attempts, String reason, Optional<Instant> startedAt,
                      Optional<Instant> finishedAt) {
}
