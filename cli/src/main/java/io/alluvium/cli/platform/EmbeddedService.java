package io.alluvium.cli.platform;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.CatalogProperties;
import io.alluvium.runtime.ChildJvm;
import io.alluvium.runtime.EmbeddedFlinkCluster;
import io.alluvium.runtime.EmbeddedSparkCluster;
import io.alluvium.runtime.EmbeddedKafka;
import io.alluvium.runtime.KafkaEndpoints;
import io.alluvium.runtime.ServiceJvm;
import io.alluvium.runtime.ServiceLogin;
import java.util.ArrayList;
import java.util.List;

/**
 * A long-lived service the embedded platform runs on this machine, in a JVM of its own ({@link ServiceJvm}).
 * Only the services not replaced by an external one in the settings are started (an external broker,
 * catalog database or serving store is simply used); the object store, the Flink session cluster and the Spark
 * standalone cluster only when asked for.
 *
 * @param ports every port it listens on, the one clients use first
 * @param login how a person logs in with the service's own client ({@link ServiceLogin})
 * @param quorumMember a node of a quorum (the Kafka nodes), ready only once a majority runs: started together
 *                     with the other members next to it
 */
public record EmbeddedService(ChildJvm jvm, List<Port> ports, String login, boolean quorumMember) {
    /** A port a service listens on, and the setting that holds it (named in "port in use" messages). */
    record Port(int number, String key) {
        Port(AlluviumConfig config, String key) {
            this(config.getInt(key), key);
        }
    }

    public static final String SERVING_STORE = ServiceJvm.SERVING_STORE.processName();

    /** A service that starts on its own. */
    EmbeddedService(ChildJvm jvm, List<Port> ports, String login) {
        this(jvm, ports, login, false);
    }

    static List<EmbeddedService> of(AlluviumConfig config) {
        List<EmbeddedService> services = new ArrayList<>();
        if (CatalogProperties.embeddedDatabase(config)) {
            services.add(new EmbeddedService(ServiceJvm.CATALOG_DATABASE.jvm(config),
                    List.of(new Port(config, AlluviumSettings.CATALOG_POSTGRES_PORT)),
                    ServiceLogin.of(ServiceJvm.CATALOG_DATABASE, config)));
        }
        if (KafkaEndpoints.embeddedBroker(config)) {
            services.addAll(kafka(config));
        }
        if (config.getString(AlluviumSettings.SERVING_REDIS_URL).isEmpty()) {
            services.add(new EmbeddedService(ServiceJvm.SERVING_STORE.jvm(config),
                    List.of(new Port(config, AlluviumSettings.SERVING_PORT)),
                    ServiceLogin.of(ServiceJvm.SERVING_STORE, config)));
        }
        if (config.getBoolean(AlluviumSettings.OBJECT_STORE_EMBEDDED)) {
            services.add(new EmbeddedService(ServiceJvm.OBJECT_STORE.jvm(config),
                    List.of(new Port(config, AlluviumSettings.OBJECT_STORE_PORT)),
                    ServiceLogin.of(ServiceJvm.OBJECT_STORE, config)));
        }
        if (config.getBoolean(AlluviumSettings.FLINK_CLUSTER_EMBEDDED)) {
            services.addAll(flinkCluster(config));
        }
        if (config.getBoolean(AlluviumSettings.SPARK_CLUSTER_EMBEDDED)) {
            services.addAll(sparkCluster(config));
        }
        return services;
    }

    /** The embedded Kafka: its single broker, or each of its nodes, which start together. */
    private static List<EmbeddedService> kafka(AlluviumConfig config) {
        EmbeddedKafka kafka = EmbeddedKafka.of(config);
        return kafka.nodes().stream().map(node -> new EmbeddedService(kafka.jvm(config, node), List.of(
                new Port(node.port(), AlluviumSettings.KAFKA_PORT),
                new Port(node.controllerPort(), AlluviumSettings.KAFKA_CONTROLLER_PORT)),
                ServiceLogin.of(ServiceJvm.KAFKA_BROKER, config), !kafka.single())).toList();
    }

    /** The embedded Flink session cluster: its JobManager, then each TaskManager, which registers with it. */
    private static List<EmbeddedService> flinkCluster(AlluviumConfig config) {
        List<EmbeddedService> processes = new ArrayList<>();
        processes.add(new EmbeddedService(ServiceJvm.FLINK_JOBMANAGER.jvm(config), List.of(
                new Port(config, AlluviumSettings.FLINK_CLUSTER_PORT),
                new Port(config, AlluviumSettings.FLINK_CLUSTER_RPC_PORT)),
                ServiceLogin.of(ServiceJvm.FLINK_JOBMANAGER, config)));
        for (int n = 1; n <= config.getInt(AlluviumSettings.FLINK_CLUSTER_TASKMANAGERS); n++) {
            Port rpc = new Port(EmbeddedFlinkCluster.taskManagerRpcPort(config, n),
                    AlluviumSettings.FLINK_CLUSTER_RPC_PORT);
            processes.add(new EmbeddedService(ServiceJvm.FLINK_TASKMANAGER.jvm(config, n), List.of(rpc),
                    ServiceLogin.of(ServiceJvm.FLINK_TASKMANAGER, config)));
        }
        return processes;
    }

    /** The embedded Spark standalone cluster: its master, then each worker, which registers with it. */
    private static List<EmbeddedService> sparkCluster(AlluviumConfig config) {
        List<EmbeddedService> processes = new ArrayList<>();
        processes.add(new EmbeddedService(ServiceJvm.SPARK_MASTER.jvm(config), List.of(
                new Port(config, AlluviumSettings.SPARK_CLUSTER_PORT),
                new Port(config, AlluviumSettings.SPARK_CLUSTER_UI_PORT)),
                ServiceLogin.of(ServiceJvm.SPARK_MASTER, config)));
        for (int n = 1; n <= config.getInt(AlluviumSettings.SPARK_CLUSTER_WORKERS); n++) {
            processes.add(new EmbeddedService(ServiceJvm.SPARK_WORKER.jvm(config, n), List.of(
                    new Port(EmbeddedSparkCluster.workerPort(config, n), AlluviumSettings.SPARK_CLUSTER_PORT),
                    new Port(EmbeddedSparkCluster.workerWebUiPort(config, n), AlluviumSettings.SPARK_CLUSTER_UI_PORT)),
                    ServiceLogin.of(ServiceJvm.SPARK_WORKER, config)));
        }
        return processes;
    }

    public String name() {
        return jvm.name();
    }

    /** The port clients use. */
    int port() {
        return ports.get(0).number();
    }

    String portKey() {
        return ports.get(0).key();
    }
}
