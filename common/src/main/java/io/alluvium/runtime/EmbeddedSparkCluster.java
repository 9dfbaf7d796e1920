package io.alluvium.runtime;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.config.MemorySize;
import java.nio.file.Path;
import java.util.Map;

/**
 * The shape of the Spark standalone cluster that {@code alluvium up} starts with {@code spark.cluster-embedded}
 * (docs/deploy.md#spark-on-a-standalone-cluster): one master and {@code spark.cluster-workers} workers of one core
 * each, every one a JVM of its own on 127.0.0.1. Its addresses and sizes are fixed here, once, for the JVMs the CLI
 * starts, the processes themselves and the batch jobs that connect to the master.
 */
public final class EmbeddedSparkCluster {
    public static final String HOST = "127.0.0.1";
    /** The Scala version of the Spark artifacts: a worker's launcher needs it to find its jars. */
    public static final String SCALA_VERSION = "2.13";
    /** A worker offers one core: one executor each, so that losing a worker loses one executor. */
    public static final int WORKER_CORES = 1;
    /** The master and the workers only schedule and launch: the work runs in the executors' JVMs. */
    public static final MemorySize DAEMON_HEAP = MemorySize.parse("256m");

    private EmbeddedSparkCluster() {
    }

    /** The master's URL, as the batch jobs and the workers connect to it. */
    public static String masterUrl(AlluviumConfig config) {
        return "spark://" + HOST + ":" + config.getInt(AlluviumSettings.SPARK_CLUSTER_PORT);
    }

    /** Where the master's web UI answers, its state as JSON at {@code /json/}. */
    public static String masterWebUi(AlluviumConfig config) {
        return "http://" + HOST + ":" + config.getInt(AlluviumSettings.SPARK_CLUSTER_UI_PORT);
    }

    /** Worker {@code n}'s RPC port: the master's plus {@code n}. */
    public static int workerPort(AlluviumConfig config, int n) {
        return config.getInt(AlluviumSettings.SPARK_CLUSTER_PORT) + n;
    }

    /** Worker {@code n}'s web UI port: the master's plus {@code n}. */
    public static int workerWebUiPort(AlluviumConfig config, int n) {
        return config.getInt(AlluviumSettings.SPARK_CLUSTER_UI_PORT) + n;
    }

    /**
     * Worker {@code n}'s Spark home, {@code <data.dir>/spark/worker-<n>}: the {@code jars/} it launches executors
     * with, its {@code conf/} and its {@code work/} directory (each application's executor logs and fetched jars).
     */
    public static Path workerHome(DataDir dataDir, int n) {
        return dataDir.root().resolve("spark").resolve("worker-" + n);
    }

    /**
     * The environment a worker's JVM runs in: Spark reads its home and its Scala version from there (and from
     * nowhere else) to build an executor's command line.
     */
    static Map<String, String> workerEnvironment(AlluviumConfig config, int n) {
        return Map.of("SPARK_HOME", workerHome(DataDir.of(config), n).toString(), "SPARK_SCALA_VERSION", SCALA_VERSION);
    }
}
