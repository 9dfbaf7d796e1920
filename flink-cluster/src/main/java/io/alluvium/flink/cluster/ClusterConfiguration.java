package io.alluvium.flink.cluster;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.config.MemorySize;
import io.alluvium.runtime.EmbeddedFlinkCluster;
import io.alluvium.runtime.ServiceJvm;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;

/**
 * The Flink configuration of the embedded session cluster's processes: what a Flink distribution's
 * {@code conf/config.yaml} and its launch scripts would give them (docs/deploy.md#flink-on-a-session-cluster).
 * Every address is 127.0.0.1; the JobManager's RPC and REST ports come from the settings; the memory sizes are
 * {@link EmbeddedFlinkCluster}'s, for which the CLI sized each JVM. A job brings its own checkpoint, restart and
 * state settings with it.
 */
final class ClusterConfiguration {
    /** How often the processes check on each other, and how soon a silent one counts as lost (Flink: 10 s, 50 s). */
    private static final String HEARTBEAT_INTERVAL_MS = "2000";
    private static final String HEARTBEAT_TIMEOUT_MS = "10000";
    /** The largest request the REST API takes: more than the job jar a submission uploads. */
    private static final String MAX_REQUEST_BYTES = Integer.toString(512 << 20);

    private ClusterConfiguration() {
    }

    /** The JobManager's: RPC and REST API (with the web UI) on their ports, TaskManagers' slots spread. */
    static Configuration jobManager(AlluviumConfig config) {
        Map<String, String> flink = common(config);
        flink.put("jobmanager.bind-host", EmbeddedFlinkCluster.HOST);
        flink.put("rest.bind-address", EmbeddedFlinkCluster.HOST);
        flink.put("rest.bind-port", Integer.toString(config.getInt(AlluviumSettings.FLINK_CLUSTER_PORT)));
        flink.put("rest.server.max-content-length", MAX_REQUEST_BYTES);
        flink.put("jobmanager.memory.process.size", bytes(EmbeddedFlinkCluster.JOBMANAGER_PROCESS));
        // a job's subtasks go to different TaskManagers (Flink packs them into the fewest by default)
        flink.put("taskmanager.load-balance.mode", "SLOTS");
        return Configuration.fromMap(flink);
    }

    /**
     * TaskManager {@code n}'s: its resource id is its process name, its RPC port {@link
     * EmbeddedFlinkCluster#taskManagerRpcPort}, and its memory every component's size, as Flink's launch
     * scripts would pass them: a TaskManager refuses to start with the process size alone.
     */
    static Configuration taskManager(AlluviumConfig config, int n) {
        Map<String, String> flink = common(config);
        flink.put("taskmanager.resource-id", ServiceJvm.FLINK_TASKMANAGER.processName(n));
        flink.put("taskmanager.host", EmbeddedFlinkCluster.HOST);
        flink.put("taskmanager.bind-host", EmbeddedFlinkCluster.HOST);
        flink.put("taskmanager.rpc.port", Integer.toString(EmbeddedFlinkCluster.taskManagerRpcPort(config, n)));
        flink.put("taskmanager.numberOfTaskSlots", Integer.toString(EmbeddedFlinkCluster.slotsPerTaskManager(config)));
        flink.put("taskmanager.memory.process.size", bytes(EmbeddedFlinkCluster.TASKMANAGER_PROCESS));
        flink.put("taskmanager.memory.framework.heap.size", bytes(EmbeddedFlinkCluster.TASKMANAGER_FRAMEWORK_HEAP));
        flink.put("taskmanager.memory.task.heap.size", bytes(EmbeddedFlinkCluster.TASKMANAGER_TASK_HEAP));
        flink.put("taskmanager.memory.managed.size", bytes(EmbeddedFlinkCluster.TASKMANAGER_MANAGED));
        flink.put("taskmanager.memory.network.min", bytes(EmbeddedFlinkCluster.TASKMANAGER_NETWORK));
        flink.put("taskmanager.memory.network.max", bytes(EmbeddedFlinkCluster.TASKMANAGER_NETWORK));
        Configuration configuration = Configuration.fromMap(flink);
        configuration.addAll(Configuration.fromMap(dynamicProperties(TaskExecutorProcessUtils.generateDynamicConfigsStr(
                TaskExecutorProcessUtils.processSpecFromConfig(configuration)))));
        return configuration;
    }

    /** What every process of the cluster is told: where the JobManager is, and how to watch the others. */
    private static Map<String, String> common(AlluviumConfig config) {
        Map<String, String> flink = new HashMap<>();
        flink.put("jobmanager.rpc.address", EmbeddedFlinkCluster.HOST);
        flink.put("jobmanager.rpc.port", Integer.toString(config.getInt(AlluviumSettings.FLINK_CLUSTER_RPC_PORT)));
        flink.put("rest.address", EmbeddedFlinkCluster.HOST);
        flink.put("rest.port", Integer.toString(config.getInt(AlluviumSettings.FLINK_CLUSTER_PORT)));
        flink.put("heartbeat.interval", HEARTBEAT_INTERVAL_MS);
        flink.put("heartbeat.timeout", HEARTBEAT_TIMEOUT_MS);
        return flink;
    }

    /** {@code -D key=value -D ...}, as Flink's launch scripts hand the memory sizes they derived to a process. */
    static Map<String, String> dynamicProperties(String arguments) {
        Map<String, String> properties = new HashMap<>();
        String[] tokens = arguments.strip().split("\\s+");
        for (int i = 0; i + 1 < tokens.length; i++) {
            if (tokens[i].equals("-D")) {
                String property = tokens[++i];
                int equals = property.indexOf('=');
                properties.put(property.substring(0, equals), property.substring(equals + 1));
            }
        }
        return properties;
    }

    private static String bytes(MemorySize size) {
        return size.bytes() + "b";
    }
}
