package io.alluvium.runtime;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one directory that holds all local state of a platform, so that a demo can be inspected in one
 * place and wiped with one command. Every process finds its files here by the same names.
 */
public record DataDir(Path root) {

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

    /** Pid files and the settings handed to child processes. */
    public Path run() {
        return root.resolve("run");
    }

    /** What the generator sent, what batch runs processed: the inputs of reconciliation. */
    public Path reports() {
        return root.resolve("reports");
    }

    public Path checkpoints() {
        return root.resolve("checkpoints");
    }

    /** Scratch space (embedded PostgreSQL extracts its binaries here). */
    public Path tmp() {
        return root.resolve("tmp");
    }

    /** Creates the directory tree; a read-only or full disk fails here with the path in the message. */
    public DataDir create() {
        for (Path p : new Path[] {root, logs(), run(), reports(), tmp()}) {
            try {
                Files.createDirectories(p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + p + ": " + e.getMessage(), e);
            }
        }
        return this;
    }
}
