package io.alluvium.flink.run;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.IncrementalKeyedStateHandle;

/**
 * Where a landing run resumes: the newest complete snapshot (retained checkpoint or final savepoint)
 * under the landing state directory. Kafka positions and the Iceberg sink's not-yet-committed files come
 * back together from it, so a run killed at any moment neither loses nor doubles a record.
 *
 * <p>A snapshot counts only if its {@code _metadata} reads back whole: a kill during a checkpoint can
 * leave a half-written one next to the previous complete one. The run keeps the Flink job id of the
 * snapshot it resumes (stored in {@code job-id}), so that the Iceberg committer recognizes its own
 * earlier commits by the job id and checkpoint id in the snapshot summaries and never commits one twice;
 * a run without a snapshot takes a new job id, since its checkpoint ids start again at 1.
 *
 * <p>{@code incremental} says the snapshot is an incremental RocksDB checkpoint: native RocksDB files that
 * only the RocksDB state backend can read (a savepoint or a full checkpoint any backend can).
 */
public record RestorePoint(Path path, long checkpointId, boolean incremental) {

    private static final String METADATA = "_metadata";

    /** Where a job's savepoints go in its state directory (its checkpoints are under {@code <job id>/chk-N}). */
    public static Path savepoints(Path stateDir) {
        return stateDir.resolve("savepoints");
    }

    /** The newest complete snapshot under {@code stateDir}, if any. */
    public static Optional<RestorePoint> latest(Path stateDir) {
        if (!Files.isDirectory(stateDir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.find(stateDir, 3,
                (p, attrs) -> attrs.isRegularFile() && p.getFileName().toString().equals(METADATA))) {
            List<Path> candidates = files.toList();
            return candidates.stream()
                    .map(RestorePoint::read)
                    .flatMap(Optional::stream)
                    .max(Comparator.comparingLong(RestorePoint::checkpointId));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list landing state in " + stateDir + ": " + e.getMessage(), e);
        }
    }

    private static Optional<RestorePoint> read(Path metadata) {
        Path dir = metadata.getParent();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(metadata));
             DataInputStream data = new DataInputStream(in)) {
            CheckpointMetadata m = Checkpoints.loadCheckpointMetadata(data,
                    RestorePoint.class.getClassLoader(), dir.toString());
            boolean incremental = m.getOperatorStates().stream()
                    .flatMap(operator -> operator.getStates().stream())
                    .flatMap(subtask -> subtask.getManagedKeyedState().stream())
                    .anyMatch(IncrementalKeyedStateHandle.class::isInstance);
            return Optional.of(new RestorePoint(dir, m.getCheckpointId(), incremental));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // incomplete: written by a process that was killed meanwhile
        }
    }

    /**
     * What this snapshot takes on disk: its own files, and for an incremental one the job's shared files,
     * which it refers to (the state it can restore, as stored).
     */
    public long bytes() {
        long bytes = sizeOf(path);
        Path shared = path.resolveSibling("shared");
        return incremental && Files.isDirectory(shared) ? bytes + sizeOf(shared) : bytes;
    }

    private static long sizeOf(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0; // removed meanwhile: a newer snapshot took its place
        }
    }

    /**
     * The job id for a run: the one recorded with the snapshot it resumes, else a new one (recorded). On a session
     * cluster always a new one: its JobManager refuses a job id it has run before
     * (docs/deploy.md#flink-on-a-session-cluster), and the Iceberg committer still recognizes what the resumed
     * snapshot had committed, by the job id that each committable restored from it carries.
     */
    public static JobID jobId(Path stateDir, Optional<RestorePoint> resume, boolean sessionCluster) {
        Path file = stateDir.resolve("job-id");
        try {
            if (resume.isPresent() && !sessionCluster && Files.isRegularFile(file)) {
                return JobID.fromHexString(Files.readString(file, StandardCharsets.UTF_8).strip());
            }
            JobID fresh = new JobID();
            Files.createDirectories(stateDir);
            Path tmp = stateDir.resolve("job-id.tmp");
            Files.writeString(tmp, fresh.toHexString(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the landing job id in " + file + ": " + e.getMessage(), e);
        }
    }
}
