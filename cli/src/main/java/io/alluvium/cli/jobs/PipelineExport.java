package io.alluvium.cli.jobs;

import io.alluvium.cli.UserError;
import io.alluvium.orchestrator.Pipeline;
import io.alluvium.orchestrator.export.AirflowDag;
import io.alluvium.orchestrator.Schedule;
import io.alluvium.orchestrator.export.StepFunctionsMachine;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code alluvium pipeline export}'s files: the pipeline as an Airflow DAG file in a directory and as a Step
 * Functions state machine, written where the user said; a place that cannot be written is one line saying why
 * (docs/orchestration.md#export-to-airflow-or-step-functions).
 */
final class PipelineExport {
    private PipelineExport() {
    }

    /** Writes the DAG file into {@code dir} (made if missing); returns the file written. */
    static Path airflow(Pipeline pipeline, Schedule schedule, Path dir) {
        Path file = dir.resolve(AirflowDag.fileName(pipeline));
        String source = AirflowDag.source(pipeline, schedule);
        try {
            Files.createDirectories(dir);
            return Files.writeString(file, source);
        } catch (IOException e) {
            throw cannotWrite("the Airflow DAG", file, e);
        }
    }

    /** Writes the state machine's definition to {@code file}, its directory made if missing. */
    static Path stepFunctions(Pipeline pipeline, Path file) {
        String json = StepFunctionsMachine.json(pipeline);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.writeString(file, json);
        } catch (IOException e) {
            throw cannotWrite("the Step Functions state machine", file, e);
        }
    }

    private static UserError cannotWrite(String what, Path file, IOException e) {
        String why;
        if (e instanceof AccessDeniedException) {
            why = "permission denied on " + ((FileSystemException) e).getFile();
        } else if (e instanceof FileAlreadyExistsException) {
            why = ((FileSystemException) e).getFile() + " exists and is not a directory";
        } else if (e instanceof NoSuchFileException) {
            why = "no such file or directory: " + ((FileSystemException) e).getFile();
        } else if (e instanceof FileSystemException fs && fs.getReason() != null) {
            why = fs.getReason() + (fs.getFile() == null ? "" : ": " + fs.getFile());
        } else {
            why = String.valueOf(e.getMessage());
        }
        return new UserError("cannot write " + what + " to " + file + ": " + why);
    }
}
