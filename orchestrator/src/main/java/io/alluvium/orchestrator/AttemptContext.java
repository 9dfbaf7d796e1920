package io.alluvium.orchestrator;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What one attempt of a task is told: which run and try it is, the event day it works on when the task is
 * partitioned, and the process name and log file recorded for it: a child JVM the action starts runs under that
 * name, which puts its log in that file.
 *
 * @param attempt from 1
 */
public record AttemptContext(long runId, String task, int attempt, Optional<LocalDate> partition, String processName,
                             Path logFile) {
}
