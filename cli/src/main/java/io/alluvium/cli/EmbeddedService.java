package io.alluvium.cli;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.CatalogProperties;
import io.alluvium.runtime.ChildJvm;
import io.alluvium.runtime.KafkaEndpoints;
import io.alluvium.runtime.ServiceJvm;
import io.alluvium.runtime.ServiceLogin;
import java.util.ArrayList;
import java.util.List;

/**
 * A long-lived service the embedded platform runs on this machine, in a JVM of its own ({@link ServiceJvm}).
 * Only the services not replaced by an external one in the settings are started (an external broker,
 * catalog database or serving store is simply used).
 *
 * @param portKey the setting that holds {@code port}, named in "port in use" messages
 * @param login   how a person logs in with the service's own client ({@link ServiceLogin})
 */
record EmbeddedService(ChildJvm jvm, int port, String portKey, String login) {
    static final String SERVING_STORE = ServiceJvm.SERVING_STORE.processName();

    static List<EmbeddedService> of(AlluviumConfig config) {
        List<EmbeddedService> services = new ArrayList<>();
        if (CatalogProperties.embeddedDatabase(config)) {
            services.add(new EmbeddedService(ServiceJvm.CATALOG_DATABASE.jvm(config),
                    config.getInt(AlluviumSettings.CATALOG_POSTGRES_PORT), AlluviumSettings.CATALOG_POSTGRES_PORT,
                    ServiceLogin.of(ServiceJvm.CATALOG_DATABASE, config)));
        }
        if (KafkaEndpoints.embeddedBroker(config)) {
            services.add(new EmbeddedService(ServiceJvm.KAFKA_BROKER.jvm(config),
                    config.getInt(AlluviumSettings.KAFKA_PORT), AlluviumSettings.KAFKA_PORT,
                    ServiceLogin.of(ServiceJvm.KAFKA_BROKER, config)));
        }
        if (config.getString(AlluviumSettings.SERVING_REDIS_URL).isEmpty()) {
            services.add(new EmbeddedService(ServiceJvm.SERVING_STORE.jvm(config),
                    config.getInt(AlluviumSettings.SERVING_PORT), AlluviumSettings.SERVING_PORT,
                    ServiceLogin.of(ServiceJvm.SERVING_STORE, config)));
        }
        return services;
    }

    String name() {
        return jvm.name();
    }
}
