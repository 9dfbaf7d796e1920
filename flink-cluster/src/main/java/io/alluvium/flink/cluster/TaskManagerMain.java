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
            int n = number(taskArgs);
            ServiceRunner.runUntilTerminated(ServiceJvm.FLINK_TASKMANAGER.processName(n),
                    new TaskManager(ClusterConfiguration.taskManager(config, n)), out);
        });
    }

    private static int number(String[] args) {
        try {
            if (args.length == 1 && Integer.parseInt(args[0]) >= 1) {
                return Integer.parseInt(args[0]);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ChildProtocol.BadInputException("usage: TaskManagerMain <settings> <number from 1>");
    }
}
