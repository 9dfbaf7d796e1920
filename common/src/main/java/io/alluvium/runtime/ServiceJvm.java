package io.alluvium.runtime;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.config.MemorySize;
import java.util.List;
import java.util.function.Function;

/**
 * The long-lived services of the embedded platform, each a main class of the services module run in a
 * child JVM: the one definition of how they are started, shared by {@code alluvium up} and by the engine
 * modules' tests, which start a real broker, catalog database or redis-server exactly as the CLI does.
 */
public enum ServiceJvm {
    /** Its JVM only supervises PostgreSQL, which runs beside it. */
    CATALOG_DATABASE("catalog-db", "io.alluvium.services.CatalogDatabaseMain", config -> MemorySize.parse("128m")),
    KAFKA_BROKER("kafka-broker", "io.alluvium.services.KafkaBrokerMain",
            config -> config.getMemory(AlluviumSettings.KAFKA_HEAP)),
    /** Its JVM only watches its redis-server, which runs beside it. */
    SERVING_STORE("serving-store", "io.alluvium.services.RedisServerMain", config -> MemorySize.parse("64m")),
    /** s3proxy over files in the data directory, for a warehouse on {@code s3://}. */
    OBJECT_STORE("object-store", "io.alluvium.services.ObjectStoreMain", config -> MemorySize.parse("256m"));

    private static final String MODULE = "services";

    private final String processName;
    private final String mainClass;
    private final Function<AlluviumConfig, MemorySize> heap;

    ServiceJvm(String processName, String mainClass, Function<AlluviumConfig, MemorySize> heap) {
        this.processName = processName;
        this.mainClass = mainClass;
        this.heap = heap;
    }

    /** Its process's name: its log, pid and settings files are named after it. */
    public String processName() {
        return processName;
    }

    /** The child JVM that runs this service with {@code config}. */
    public ChildJvm jvm(AlluviumConfig config) {
        return new ChildJvm(processName, MODULE, mainClass, heap.apply(config), List.of());
    }

    /** This service's pid and output files in {@code dataDir}, to start, find or stop it. */
    public ServiceProcess process(DataDir dataDir) {
        return new ServiceProcess(processName, dataDir);
    }
}
