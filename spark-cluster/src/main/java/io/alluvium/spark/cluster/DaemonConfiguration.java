package io.alluvium.spark.cluster;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.GeneratedPassword;
import org.apache.spark.SparkConf;

/**
 * The Spark configuration of the embedded cluster's master and workers: what a distribution's
 * {@code conf/spark-defaults.conf} would give them (docs/deploy.md#the-embedded-standalone-cluster). Master, workers
 * and jobs authenticate each other with the secret generated for the data directory, and the master takes no job
 * over its REST submission server: a job comes only from a driver that holds the secret. The web UIs, which have no
 * login, are read-only.
 */
final class DaemonConfiguration {
    /** How often a worker deletes the directories of finished applications (their executor logs, fetched jars). */
    private static final String CLEANUP_INTERVAL_SECONDS = "300";
    /** How long a finished application's directory is kept. */
    private static final String APPLICATION_DATA_TTL_SECONDS = "1800";

    private DaemonConfiguration() {
    }

    static SparkConf master(AlluviumConfig config) {
        return common(config).set("spark.master.rest.enabled", "false");
    }

    static SparkConf worker(AlluviumConfig config) {
        return common(config)
                .set("spark.worker.cleanup.enabled", "true")
                .set("spark.worker.cleanup.interval", CLEANUP_INTERVAL_SECONDS)
                .set("spark.worker.cleanup.appDataTtl", APPLICATION_DATA_TTL_SECONDS);
    }

    /**
     * What master and workers share: the secret, and web UIs that only show (no killing an application or
     * decommissioning a worker from a browser).
     */
    private static SparkConf common(AlluviumConfig config) {
        return new SparkConf(false)
                .set("spark.ui.killEnabled", "false")
                .set("spark.master.ui.decommission.allow.mode", "DENY")
                .set("spark.authenticate", "true")
                .set("spark.authenticate.secret", GeneratedPassword.sparkCluster(DataDir.of(config)).value().reveal());
    }
}
