package io.alluvium.runtime;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import java.net.URI;
import java.util.Optional;

/**
 * Where the batch jobs run (docs/deploy.md#spark-on-a-standalone-cluster): on a cluster — the one {@code spark.master}
 * names, else the embedded one when {@code spark.cluster-embedded} — or, with neither, {@code local[N]} inside the
 * job's own JVM. On a cluster the job's classes reach the executors as the job jar.
 *
 * @param url      the master URL the SparkSession is built with
 * @param embedded the master is the one {@code alluvium up} starts ({@link EmbeddedSparkCluster})
 */
public record SparkMaster(String url, boolean embedded) {

    public static SparkMaster of(AlluviumConfig config) {
        String configured = config.getString(AlluviumSettings.SPARK_MASTER);
        if (configured.startsWith("local") && config.getBoolean(AlluviumSettings.SPARK_CLUSTER_EMBEDDED)) {
            return new SparkMaster(EmbeddedSparkCluster.masterUrl(config), true);
        }
        return new SparkMaster(configured, false);
    }

    /** Executors run elsewhere than in the job's JVM, and need the job jar. */
    public boolean cluster() {
        return !url.startsWith("local");
    }

    /** A standalone master's address ({@code spark://host:port}), which answers before a job starts. */
    public Optional<URI> standalone() {
        return url.startsWith("spark://") ? Optional.of(URI.create(url)) : Optional.empty();
    }

    /** For progress lines: " on the cluster at <master>", or nothing for {@code local[N]} in the job's JVM. */
    public static String where(AlluviumConfig config) {
        SparkMaster master = of(config);
        return master.cluster() ? " on the cluster at " + master : "";
    }

    /** The setting that names this master, for messages. */
    public String settingKey() {
        return embedded ? AlluviumSettings.SPARK_CLUSTER_PORT : AlluviumSettings.SPARK_MASTER;
    }

    @Override
    public String toString() {
        return url;
    }
}
