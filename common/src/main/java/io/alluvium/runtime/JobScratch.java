package io.alluvium.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A job run's own temporary directory, {@code <data.dir>/tmp/jobs/<name>-<id>}, its JVM's {@code java.io.tmpdir}:
 * Flink and Spark put blob stores, shuffle, spill and IO directories there and leave some behind, most of all
 * when killed, so that a shared directory only grows. The directory is removed when its job ends; one whose
 * job was killed (its owner process no longer runs) is removed when the next job starts.
 */
public final class JobScratch {
    private static final String OWNER = ".owner";
    /** A directory without an owner is one whose job is being started: left alone this long. */
    private static final Duration STARTING = Duration.ofMinutes(10);

    private final Path dir;

    private JobScratch(Path dir) {
        this.dir = dir;
    }

    /** Removes what killed jobs left, then makes a directory for a new run of job {@code name}. */
    public static JobScratch create(DataDir dataDir, String name) {
        Path jobs = dataDir.tmp().resolve("jobs");
        try {
            Files.createDirectories(jobs);
            removeAbandoned(jobs);
            return new JobScratch(Files.createDirectory(jobs.resolve(name + "-" + UUID.randomUUID())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary directory in " + jobs + ": " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Records the process that runs in this directory. */
    public void ownedBy(long pid) {
        try {
            Files.writeString(dir.resolve(OWNER), Long.toString(pid), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the owner of " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Removes the directory, once its job has ended. */
    public void remove() {
        deleteTree(dir);
    }

    private static void removeAbandoned(Path jobs) throws IOException {
        List<Path> dirs;
        try (Stream<Path> list = Files.list(jobs)) {
            dirs = list.filter(Files::isDirectory).toList();
        }
        for (Path dir : dirs) {
            if (abandoned(dir)) {
                deleteTree(dir);
            }
        }
    }

    private static boolean abandoned(Path dir) {
        try {
            Path owner = dir.resolve(OWNER);
            if (!Files.isRegularFile(owner)) {
                return Files.getLastModifiedTime(dir).toInstant().isBefore(Instant.now().minus(STARTING));
            }
            long pid = Long.parseLong(Files.readString(owner, StandardCharsets.UTF_8).strip());
            return ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
        } catch (IOException | NumberFormatException e) {
            return false; // being written or removed by another start: left to a later one
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // already gone, or in use: a later start removes what is left
        }
    }
}
