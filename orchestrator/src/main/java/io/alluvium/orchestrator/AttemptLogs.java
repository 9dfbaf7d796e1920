package io.alluvium.orchestrator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where each attempt's log goes: {@code <data.dir>/logs/pipeline/run-<id>/<task>.<attempt>.log}, recorded with the
 * attempt so that {@code pipeline history} can point at it (docs/orchestration.md#what-is-stored).
 */
record AttemptLogs(Path logsDirectory) {
    Path of(AttemptKey key) {
        Path dir = logsDirectory.resolve("pipeline").resolve("run-" + key.runId());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        return dir.resolve(key.task() + "." + key.attempt() + ".log");
    }
}
