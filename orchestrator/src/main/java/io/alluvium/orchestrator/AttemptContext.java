package io.alluvium.orchestrator;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What one attempt of a task is told: which run and try it is, the event day it works on when the task is
 * partitioned, and the log file recorded for it, where its action writes (or sends its child JVM's log).
 *
 * @param attempt from 1
 */
public record AttemptContext(long runId, String task, int attempt, Optional<LocalDate> partition, Path logFile) {
}
