package io.alluvium.spark;

import io.alluvium.runtime.DataDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The Spark stages of the last {@code alluvium batch} run, kept in {@code <data.dir>/reports/batch/last-run.json}:
 * a batch run and the doctor that looks at its stages later are different JVMs (docs/doctor.md, "Skew").
 *
 * @param command    {@code silver}, {@code gold} or {@code all}
 * @param finishedAt when the run ended
 * @param stages     its stages with their tasks' run times
 */
public record LastBatchRun(String command, Instant finishedAt, List<StageTaskTimes.Stage> stages) {

    public static Path file(DataDir dir) {
        return dir.reports().resolve("batch").resolve("last-run.json");
    }

    /** Replaces the report with {@code run}'s, atomically: a doctor reading it meanwhile sees the old or the new. */
    public static void save(DataDir dir, BatchRun.Result run, Instant finishedAt) {
        Path file = file(dir);
        try {
            Files.createDirectories(file.getParent());
            Path written = Files.createTempFile(file.getParent(), ".last-run-", ".json");
            Files.writeString(written, Json.write(new LastBatchRun(run.command(), finishedAt, run.stages())));
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The last run's report; empty before the first batch run of the data directory. */
    public static Optional<LastBatchRun> load(DataDir dir) {
        Path file = file(dir);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readValue(file.toFile(), LastBatchRun.class));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the last batch run's report " + file + " (" + e.getMessage()
                    + "); delete it, and the next alluvium batch writes it again", e);
        }
    }
}
