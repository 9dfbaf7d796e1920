package io.alluvium.spark;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.CatalogProperties;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.GeneratedPassword;
import io.alluvium.runtime.JobJar;
import io.alluvium.runtime.SparkMaster;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the one SparkSession of a batch JVM, wired to the platform's Iceberg catalog. The catalog is
 * the default one, so users write {@code bronze.orders}; its table cache is off because the Flink landing
 * job commits to Bronze from another JVM and a cached table would not see those commits. All times are
 * UTC so that {@code event_day} and {@code hour_start} mean the same in every JVM and in the realtime job.
 * Spark's own warehouse directory (of its built-in catalog, which holds no platform table) goes to the data
 * directory's scratch space rather than {@code ./spark-warehouse} in whatever directory the CLI runs from.
 * On a cluster ({@link SparkMaster}) this JVM is the driver, in client mode as {@code spark-submit} would run it:
 * the executors get the job jar, one core and {@code spark.executor-memory} each, and the embedded cluster's
 * secret (docs/deploy.md#spark-on-a-standalone-cluster).
 */
public final class SparkSessions {
    private SparkSessions() {
    }

    public static SparkSession create(AlluviumConfig config) {
        String catalog = CatalogProperties.name(config);
        SparkMaster master = SparkMaster.of(config);
        SparkSession.Builder builder = SparkSession.builder()
                .appName("alluvium-batch")
                .master(master.url())
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.warehouse.dir", DataDir.of(config).tmp().resolve("spark-warehouse").toUri().toString())
                .config("spark.sql.shuffle.partitions", config.getInt(AlluviumSettings.SPARK_SHUFFLE_PARTITIONS))
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.datetime.java8API.enabled", "true")
                // The event contract's checks are one large CASE per field; inferring constraints through their
                // aliases made the optimizer build sets of expressions that filled a 1 GB heap while planning a
                // Silver build (seen beside concurrent maintenance). Spark's own advice for such plans: turn it off.
                .config("spark.sql.constraintPropagation.enabled", "false")
                .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
                .config("spark.sql.catalog." + catalog, "org.apache.iceberg.spark.SparkCatalog")
                .config("spark.sql.catalog." + catalog + ".cache-enabled", "false")
                .config("spark.sql.defaultCatalog", catalog);
        // Spark redacts keys matching "password" in its logs and UI; the value is never logged by us.
        CatalogProperties.of(config).forEach((k, v) -> builder.config("spark.sql.catalog." + catalog + "." + k, v));
        if (master.cluster()) {
            builder.config("spark.jars", JobJar.SPARK.path().toString())
                    .config("spark.executor.cores", 1)
                    .config("spark.executor.memory", config.getMemory(AlluviumSettings.SPARK_EXECUTOR_MEMORY).jvmFlag())
                    .config("spark.cores.max", config.getInt(AlluviumSettings.SPARK_CORES_MAX));
        }
        if (master.embedded()) {
            // Spark redacts keys matching "secret"; executors get it from their worker, never on a command line
            builder.config("spark.authenticate", "true").config("spark.authenticate.secret",
                    GeneratedPassword.sparkCluster(DataDir.of(config)).value().reveal());
        }
        return builder.getOrCreate();
    }
}
