package io.alluvium.runtime;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.config.ConfigException;
import io.alluvium.domain.StreamJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one directory that holds all local state of a platform, so that a demo can be inspected in one
 * place and wiped with one command. Every process finds its files here by the same names.
 */
public record DataDir(Path root) {
    /** The file, in a stream job's state directory, where each of its checkpoints is recorded (docs/doctor.md). */
    public static final String CHECKPOINT_HISTORY = "checkpoint-history.jsonl";

    public DataDir {
        root = root.toAbsolutePath().normalize();
    }

    public static DataDir of(AlluviumConfig config) {
        return new DataDir(Path.of(config.getString(AlluviumSettings.DATA_DIR)));
    }

    /** One log file per process: engine logs never reach the console. */
    public Path logs() {
        return root.resolve("logs");
    }

    public Path log(String process) {
        return logs().resolve(process + ".log");
    }

    public Path warehouse() {
        return root.resolve("warehouse");
    }

    public Path kafka() {
        return root.resolve("kafka");
    }

    public Path postgres() {
        return root.resolve("postgres");
    }

    public Path redis() {
        return root.resolve("redis");
    }

    /** Pid files and the settings handed to child processes (each deleted by its child once read). */
    public Path run() {
        return root.resolve("run");
    }

    /**
     * Present while a platform started with the cluster profile is up (docs/deploy.md#the-cluster-profile): every
     * command on this data dir then runs on that cluster.
     */
    public Path clusterProfile() {
        return run().resolve("cluster-profile");
    }

    /** The passwords generated for the embedded services, readable only by their owner (see {@link GeneratedPassword}). */
    public Path secrets() {
        return root.resolve("secrets");
    }

    /** What the generator sent, what batch runs processed: the inputs of reconciliation. */
    public Path reports() {
        return root.resolve("reports");
    }

    public Path checkpoints() {
        return root.resolve("checkpoints");
    }

    /** A stream job's state: its checkpoints, savepoints, job id and {@link #CHECKPOINT_HISTORY}. */
    public Path streamState(StreamJob job) {
        return checkpoints().resolve(job.jobName());
    }

    /** Scratch space (embedded PostgreSQL extracts its binaries here). */
    public Path tmp() {
        return root.resolve("tmp");
    }

    /**
     * Creates the directory tree and checks that it takes writes, so that a read-only, full or
     * misnamed data directory is reported before any engine starts, naming the setting.
     */
    public DataDir create() {
        try {
            for (Path p : new Path[] {root, logs(), run(), reports(), tmp()}) {
                Files.createDirectories(p);
            }
            // a probe of its own: commands run at the same time on one data directory each check theirs
            Path probe = Files.createTempFile(run(), ".write-check-", "");
            Files.delete(probe);
        } catch (IOException e) {
            throw new ConfigException(AlluviumSettings.DATA_DIR, "", "cannot write to " + root + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "); choose a writable directory with --data-dir or data.dir in alluvium.yaml");
        }
        return this;
    }
}
