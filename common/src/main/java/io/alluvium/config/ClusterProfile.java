package io.alluvium.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The cluster profile ({@code cluster.enabled}, docs/deploy.md#the-cluster-profile): one switch for the settings
 * that run each engine as a real multi-process cluster on this machine. It changes their defaults only: a setting
 * written in the file or with {@code --set} keeps its value, so that one part of the cluster can be turned off or
 * pointed at an external service.
 */
final class ClusterProfile {
    /** Each setting the profile turns on, with its value there. */
    private static final Map<String, String> SETTINGS = settings();

    private ClusterProfile() {
    }

    private static Map<String, String> settings() {
        Map<String, String> on = new LinkedHashMap<>();
        on.put(AlluviumSettings.KAFKA_NODES, "3");
        on.put(AlluviumSettings.OBJECT_STORE_EMBEDDED, "true");
        on.put(AlluviumSettings.FLINK_CLUSTER_EMBEDDED, "true");
        on.put(AlluviumSettings.SPARK_CLUSTER_EMBEDDED, "true");
        return on;
    }

    /** {@code raw} with the profile's values for the settings it does not set itself. */
    static Map<String, ConfigDef.RawValue> withDefaults(Map<String, ConfigDef.RawValue> raw) {
        Map<String, ConfigDef.RawValue> all = new LinkedHashMap<>(raw);
        SETTINGS.forEach((key, value) -> all.putIfAbsent(key,
                new ConfigDef.RawValue(value, AlluviumSettings.CLUSTER_ENABLED)));
        return all;
    }

    /** The profile's settings, as the documentation of {@code cluster.enabled} lists them. */
    static String describe() {
        return SETTINGS.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
