package io.alluvium.cli;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.config.MemorySize;
import io.alluvium.runtime.CatalogProperties;
import io.alluvium.runtime.ChildJvm;
import io.alluvium.runtime.KafkaEndpoints;
import java.util.ArrayList;
import java.util.List;

/**
 * A long-lived service the embedded platform runs on this machine, in a JVM of its own. Only the
 * services not replaced by an external one in the settings are started (an external broker or
 * catalog database is simply used).
 *
 * @param portKey the setting that holds {@code port}, named in "port in use" messages
 */
record EmbeddedService(String name, String mainClass, MemorySize heap, int port, String portKey) {
    /** The catalog database host only holds PostgreSQL's supervisor; PostgreSQL runs beside it. */
    private static final MemorySize CATALOG_HOST_HEAP = MemorySize.parse("128m");
    /** Likewise the serving store's host only watches its redis-server. */
    private static final MemorySize SERVING_HOST_HEAP = MemorySize.parse("64m");
    static final String SERVING_STORE = "serving-store";
    private static final String MODULE = "services";

    static List<EmbeddedService> of(AlluviumConfig config) {
        List<EmbeddedService> services = new ArrayList<>();
        if (CatalogProperties.embeddedDatabase(config)) {
            services.add(new EmbeddedService("catalog-db", "io.alluvium.services.CatalogDatabaseMain",
                    CATALOG_HOST_HEAP, config.getInt(AlluviumSettings.CATALOG_POSTGRES_PORT),
                    AlluviumSettings.CATALOG_POSTGRES_PORT));
        }
        if (KafkaEndpoints.embeddedBroker(config)) {
            services.add(new EmbeddedService("kafka-broker", "io.alluvium.services.KafkaBrokerMain",
                    config.getMemory(AlluviumSettings.KAFKA_HEAP), config.getInt(AlluviumSettings.KAFKA_PORT),
                    AlluviumSettings.KAFKA_PORT));
        }
        if (config.getString(AlluviumSettings.SERVING_REDIS_URL).isEmpty()) {
            services.add(new EmbeddedService(SERVING_STORE, "io.alluvium.services.RedisServerMain",
                    SERVING_HOST_HEAP, config.getInt(AlluviumSettings.SERVING_PORT), AlluviumSettings.SERVING_PORT));
        }
        return services;
    }

    ChildJvm jvm() {
        return new ChildJvm(name, MODULE, mainClass, heap, List.of());
    }
}
