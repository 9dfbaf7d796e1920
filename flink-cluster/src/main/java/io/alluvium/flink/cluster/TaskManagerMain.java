package io.alluvium.flink.cluster;

import io.alluvium.runtime.ChildProtocol;
import io.alluvium.runtime.ServiceJvm;
import io.alluvium.runtime.ServiceRunner;

/**
 * Child JVM main of one TaskManager of the embedded Flink session cluster ({@code alluvium up} with
 * {@code flink.cluster-embedded}); its argument is its number, from 1. Says ready once the JobManager has
 * registered it, serves until SIGTERM.
 */
public final class TaskManagerMain {
    private TaskManagerMain() {
    }

    public static void main(String[] args) {
        ChildProtocol.main(args, (config, taskArgs, out) -> {
            int n = ServiceJvm.FLINK_TASKMANAGER.instanceNumber(taskArgs);
            ServiceRunner.runUntilTerminated(ServiceJvm.FLINK_TASKMANAGER.processName(n),
                    new TaskManager(ClusterConfiguration.taskManager(config, n)), out);
        });
    }
}
