package io.alluvium.cli.platform;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.DataDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the platform of a data dir runs as a cluster (docs/deploy.md#the-cluster-profile): {@code up} with
 * {@code cluster.enabled} records it in the data dir and {@code down} clears it, so that the commands in between
 * (generate, stream, batch, status, down itself) reach the cluster's processes without being told again, and never
 * start a job locally beside a running cluster.
 */
public final class RunningProfile {
    private RunningProfile() {
    }

    /** After {@code up}: records the profile {@code config} started the platform with. */
    public static void record(AlluviumConfig config) {
        Path marker = DataDir.of(config).clusterProfile();
        try {
            if (config.getBoolean(AlluviumSettings.CLUSTER_ENABLED)) {
                Files.writeString(marker, "started by `alluvium up` with " + AlluviumSettings.CLUSTER_ENABLED + "\n");
            } else {
                Files.deleteIfExists(marker);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the platform's profile in " + marker, e);
        }
    }

    /** After {@code down}: nothing runs as a cluster any more. */
    public static void clear(AlluviumConfig config) {
        Path marker = DataDir.of(config).clusterProfile();
        try {
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + marker, e);
        }
    }

    /** Whether the platform of {@code config}'s data dir was started as a cluster and not stopped since. */
    public static boolean clusterRunning(AlluviumConfig config) {
        return Files.exists(DataDir.of(config).clusterProfile());
    }
}
