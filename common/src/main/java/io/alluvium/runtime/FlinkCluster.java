package io.alluvium.runtime;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import java.util.Optional;

/**
 * Where the stream jobs run (docs/deploy.md#flink-on-a-session-cluster): on a Flink session cluster, named by
 * the host and port of its JobManager's REST endpoint — the one in {@code flink.cluster}, else the embedded one
 * when {@code flink.cluster-embedded} — or, with neither, in a MiniCluster inside each job's own JVM.
 *
 * @param embedded the cluster is the one {@code alluvium up} starts ({@link EmbeddedFlinkCluster})
 */
public record FlinkCluster(String host, int port, boolean embedded) {

    /** The session cluster the jobs are submitted to; empty when each job runs its own MiniCluster. */
    public static Optional<FlinkCluster> of(AlluviumConfig config) {
        String external = config.getString(AlluviumSettings.FLINK_CLUSTER);
        if (!external.isEmpty()) {
            int colon = external.lastIndexOf(':'); // validated as host:port by the settings
            return Optional.of(new FlinkCluster(external.substring(0, colon),
                    Integer.parseInt(external.substring(colon + 1)), false));
        }
        if (config.getBoolean(AlluviumSettings.FLINK_CLUSTER_EMBEDDED)) {
            return Optional.of(new FlinkCluster(EmbeddedFlinkCluster.HOST,
                    config.getInt(AlluviumSettings.FLINK_CLUSTER_PORT), true));
        }
        return Optional.empty();
    }

    /** For progress lines: " on the Flink cluster at host:port", or nothing for a job's own MiniCluster. */
    public static String where(AlluviumConfig config) {
        return of(config).map(cluster -> " on the Flink cluster at " + cluster).orElse("");
    }

    /** The setting that names this cluster, for messages. */
    public String settingKey() {
        return embedded ? AlluviumSettings.FLINK_CLUSTER_PORT : AlluviumSettings.FLINK_CLUSTER;
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
