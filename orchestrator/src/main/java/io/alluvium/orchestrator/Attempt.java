package io.alluvium.orchestrator;

import java.time.Instant;
import java.util.Optional;

/**
 * One attempt of a task as stored: which scheduler ran it, where its log is, when it started and ended, and its
 * error when it failed.
 */
public record Attempt(String task, int attempt, AttemptState state, String scheduler, String logFile, String error,
                      Instant startedAt, Optional<Instant> finishedAt) {
}
