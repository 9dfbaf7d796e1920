package io.alluvium.orchestrator;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One run of a pipeline as stored: what triggered it, the event day it works on (when its tasks are partitioned),
 * its state and, once failed, why; and what its input held when it started, if the trigger looked
 * ({@link PipelineInput}).
 */
public record Run(long id, String pipeline, String trigger, Optional<LocalDate> partition, RunState state,
                  String reason, Instant createdAt, Optional<Instant> finishedAt, Optional<String> input) {
}
