package io.alluvium.runtime;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.config.MemorySize;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The long-lived services of the embedded platform, each a main class of the services module (or, for the Flink
 * session cluster's and the Spark standalone cluster's processes, of the flink-cluster and spark-cluster modules)
 * run in a child JVM: the one definition of how they are
 * started, shared by {@code alluvium up} and by the engine modules' tests, which start a real broker, catalog
 * database or redis-server exactly as the CLI does.
 */
public enum ServiceJvm {
    /** Its JVM only supervises PostgreSQL, which runs beside it. */
    CATALOG_DATABASE("catalog-db", "services", "io.alluvium.services.CatalogDatabaseMain",
            config -> MemorySize.parse("128m")),
    /** The embedded broker; with {@code kafka.nodes} > 1 one node of the cluster, run as {@code jvm(config, n)}. */
    KAFKA_BROKER("kafka-broker", "services", "io.alluvium.services.KafkaBrokerMain",
            config -> config.getMemory(AlluviumSettings.KAFKA_HEAP)),
    /** Its JVM only watches its redis-server, which runs beside it. */
    SERVING_STORE("serving-store", "services", "io.alluvium.services.RedisServerMain",
            config -> MemorySize.parse("64m")),
    /** s3proxy over files in the data directory, for a warehouse on {@code s3://}. */
    OBJECT_STORE("object-store", "services", "io.alluvium.services.ObjectStoreMain",
            config -> MemorySize.parse("256m")),
    /** The embedded Flink session cluster's JobManager: REST API, web UI, job scheduling. */
    FLINK_JOBMANAGER("flink-jobmanager", "flink-cluster", "io.alluvium.flink.cluster.JobManagerMain",
            config -> EmbeddedFlinkCluster.JOBMANAGER_HEAP),
    /** One of the embedded Flink session cluster's TaskManagers, which run the jobs' tasks (one JVM each). */
    FLINK_TASKMANAGER("flink-taskmanager", "flink-cluster", "io.alluvium.flink.cluster.TaskManagerMain",
            config -> EmbeddedFlinkCluster.taskManagerHeap()),
    /** The embedded Spark standalone cluster's master: schedules the batch jobs' executors on the workers. */
    SPARK_MASTER("spark-master", "spark-cluster", "io.alluvium.spark.cluster.MasterMain",
            config -> EmbeddedSparkCluster.DAEMON_HEAP),
    /** One of the embedded Spark cluster's workers, which launch the executors (one JVM each, beside it). */
    SPARK_WORKER("spark-worker", "spark-cluster", "io.alluvium.spark.cluster.WorkerMain",
            config -> EmbeddedSparkCluster.DAEMON_HEAP);

    private final String processName;
    private final String module;
    private final String mainClass;
    private final Function<AlluviumConfig, MemorySize> heap;

    ServiceJvm(String processName, String module, String mainClass, Function<AlluviumConfig, MemorySize> heap) {
        this.processName = processName;
        this.module = module;
        this.mainClass = mainClass;
        this.heap = heap;
    }

    /** The module directory under the installation whose build holds the main class. */
    public String module() {
        return module;
    }

    /** Where the module's build puts the compiled main class, relative to the installation. */
    public Path classFile() {
        return Path.of(module, "target", "classes", mainClass.replace('.', '/') + ".class");
    }

    /** Its process's name: its log, pid and settings files are named after it. */
    public String processName() {
        return processName;
    }

    /** The child JVM that runs this service with {@code config}. */
    public ChildJvm jvm(AlluviumConfig config) {
        return new ChildJvm(processName, module, mainClass, heap.apply(config), List.of());
    }

    /**
     * The child JVM of instance {@code n} (from 1) of a service that runs several times: process
     * {@code <name>-<n>}, told its number as its argument.
     */
    public ChildJvm jvm(AlluviumConfig config, int n) {
        return new ChildJvm(processName(n), module, mainClass, heap.apply(config), List.of(Integer.toString(n)),
                this == SPARK_WORKER ? EmbeddedSparkCluster.workerEnvironment(config, n) : Map.of());
    }

    /**
     * The number {@link #jvm(AlluviumConfig, int)} gave an instance, read back from its main's arguments; bad input
     * when they hold none.
     */
    public int instanceNumber(String[] args) {
        try {
            if (args.length == 1 && Integer.parseInt(args[0]) >= 1) {
                return Integer.parseInt(args[0]);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ChildProtocol.BadInputException("usage: " + mainClass.substring(mainClass.lastIndexOf('.') + 1)
                + " <settings> <number from 1>");
    }

    /** The process name of instance {@code n} (from 1) of a service that runs several times. */
    public String processName(int n) {
        return processName + "-" + n;
    }

    /** This service's pid and output files in {@code dataDir}, to start, find or stop it. */
    public ServiceProcess process(DataDir dataDir) {
        return new ServiceProcess(processName, dataDir);
    }
}
