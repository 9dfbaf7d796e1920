package io.alluvium.spark;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * One real SparkSession (local[2]) with the Iceberg JDBC catalog on SQLite in a temp directory, shared by
 * every test of the JVM: a session takes seconds to start. SQLite stands in for PostgreSQL here only;
 * the CLI's integration tests run the same code against the embedded PostgreSQL. Test tables hold a few
 * rows, so Iceberg writes skip the shuffle that groups rows by partition before writing (it only decides
 * how many files a partition gets, which no test checks) and AQE skips re-planning each tiny stage.
 */
final class TestLake {
    private static AlluviumConfig config;
    private static SparkSession spark;

    private TestLake() {
    }

    static synchronized AlluviumConfig config() {
        if (config == null) {
            config = newCatalogConfig();
        }
        return config;
    }

    static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSessions.create(config());
            spark.conf().set("spark.sql.iceberg.distribution-mode", "none");
            spark.conf().set("spark.sql.adaptive.enabled", "false");
        }
        return spark;
    }

    /** Settings for a fresh, empty catalog and warehouse under a new temp directory. */
    static AlluviumConfig newCatalogConfig() {
        try {
            Path dir = Files.createTempDirectory("alluvium-spark-test");
            return AlluviumConfig.defaults().with(Map.of(
                    AlluviumSettings.DATA_DIR, dir.toString(),
                    AlluviumSettings.CATALOG_JDBC_URL, "jdbc:sqlite:" + dir.resolve("catalog.db"),
                    AlluviumSettings.SPARK_MASTER, "local[2]",
                    AlluviumSettings.SPARK_SHUFFLE_PARTITIONS, "2"), "test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
