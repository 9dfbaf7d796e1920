package io.alluvium.runtime;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;

/** Where the Kafka log is: the configured cluster, else the embedded broker (or its nodes) on 127.0.0.1. */
public final class KafkaEndpoints {
    private KafkaEndpoints() {
    }

    public static String bootstrapServers(AlluviumConfig config) {
        String external = config.getString(AlluviumSettings.KAFKA_BOOTSTRAP);
        return external.isEmpty() ? EmbeddedKafka.of(config).bootstrapServers() : external;
    }

    public static boolean embeddedBroker(AlluviumConfig config) {
        return config.getString(AlluviumSettings.KAFKA_BOOTSTRAP).isEmpty();
    }
}
