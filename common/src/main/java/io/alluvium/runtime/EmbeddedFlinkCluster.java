package io.alluvium.runtime;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.config.MemorySize;

/**
 * The shape of the Flink standalone session cluster that {@code alluvium up} starts with
 * {@code flink.cluster-embedded} (docs/deploy.md#flink-on-a-session-cluster): one JobManager and
 * {@code flink.cluster-taskmanagers} TaskManagers, each a JVM of its own on 127.0.0.1. Its sizes are fixed here,
 * once, for the JVMs the CLI starts and the Flink configuration the processes run with: Flink's launch scripts
 * derive a JVM's heap from its process size, and without them the two must agree by construction.
 */
public final class EmbeddedFlinkCluster {
    public static final String HOST = "127.0.0.1";

    /**
     * {@code jobmanager.memory.process.size}. Its heap is what Flink derives from it: 1024m less 256m of metaspace,
     * 192m of JVM overhead (the minimum) and 128m off-heap.
     */
    public static final MemorySize JOBMANAGER_PROCESS = MemorySize.parse("1024m");
    public static final MemorySize JOBMANAGER_HEAP = MemorySize.parse("448m");

    /**
     * {@code taskmanager.memory.process.size}: the sum of the parts below and Flink's defaults for the rest (128m
     * framework off-heap, 256m metaspace, 192m JVM overhead, its minimum). Flink checks that they add up.
     */
    public static final MemorySize TASKMANAGER_PROCESS = MemorySize.parse("1344m");
    public static final MemorySize TASKMANAGER_FRAMEWORK_HEAP = MemorySize.parse("128m");
    public static final MemorySize TASKMANAGER_TASK_HEAP = MemorySize.parse("384m");
    /** The network buffers between the jobs' tasks. */
    public static final MemorySize TASKMANAGER_NETWORK = MemorySize.parse("128m");
    /** RocksDB's memory, for {@code realtime.state-backend=rocksdb}; the heap backend uses none. */
    public static final MemorySize TASKMANAGER_MANAGED = MemorySize.parse("128m");

    private EmbeddedFlinkCluster() {
    }

    /** A TaskManager's JVM heap: the framework's and the tasks' heap, as Flink's scripts would set -Xmx. */
    public static MemorySize taskManagerHeap() {
        return new MemorySize(TASKMANAGER_FRAMEWORK_HEAP.bytes() + TASKMANAGER_TASK_HEAP.bytes());
    }

    /** Slots of each TaskManager: enough for either job alone, so that it restarts on one TaskManager if need be. */
    public static int slotsPerTaskManager(AlluviumConfig config) {
        return Math.max(config.getInt(AlluviumSettings.LANDING_PARALLELISM),
                config.getInt(AlluviumSettings.REALTIME_PARALLELISM));
    }

    /** TaskManager {@code n}'s RPC port: the JobManager's RPC port plus {@code n}. */
    public static int taskManagerRpcPort(AlluviumConfig config, int n) {
        return config.getInt(AlluviumSettings.FLINK_CLUSTER_RPC_PORT) + n;
    }
}
