package io.alluvium.runtime;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;

/**
 * How a person logs in to an embedded service with its own client (psql, redis-cli), as {@code alluvium status}
 * shows it: the user, and where the password is — the setting that holds it, or the file it was generated in.
 * Never the password itself.
 */
public final class ServiceLogin {
    private ServiceLogin() {
    }

    public static String of(ServiceJvm service, AlluviumConfig config) {
        DataDir dataDir = DataDir.of(config);
        return switch (service) {
            case CATALOG_DATABASE -> "user " + config.getString(AlluviumSettings.CATALOG_JDBC_USER) + ", database "
                    + CatalogProperties.EMBEDDED_DATABASE + ", password "
                    + where(config, AlluviumSettings.CATALOG_JDBC_PASSWORD, GeneratedPassword.catalog(dataDir));
            case SERVING_STORE -> "password "
                    + where(config, AlluviumSettings.SERVING_PASSWORD, GeneratedPassword.serving(dataDir));
            case KAFKA_BROKER -> "no login (127.0.0.1 only)";
            case OBJECT_STORE -> "access key " + ObjectStoreAccess.EMBEDDED_IDENTITY + ", secret key in "
                    + GeneratedPassword.objectStore(dataDir).file();
            case FLINK_JOBMANAGER -> "no login (127.0.0.1 only): web UI and REST API at http://"
                    + EmbeddedFlinkCluster.HOST + ":" + config.getInt(AlluviumSettings.FLINK_CLUSTER_PORT);
            case FLINK_TASKMANAGER -> "no login: registers with the JobManager at " + EmbeddedFlinkCluster.HOST + ":"
                    + config.getInt(AlluviumSettings.FLINK_CLUSTER_RPC_PORT);
            case SPARK_MASTER -> "jobs authenticate with the secret in " + GeneratedPassword.sparkCluster(dataDir).file()
                    + "; web UI at " + EmbeddedSparkCluster.masterWebUi(config);
            case SPARK_WORKER -> "no login: registers with the master at " + EmbeddedSparkCluster.masterUrl(config);
        };
    }

    private static String where(AlluviumConfig config, String setting, GeneratedPassword generated) {
        return config.getPassword(setting).isEmpty() ? "in " + generated.file() : "from setting " + setting;
    }
}
