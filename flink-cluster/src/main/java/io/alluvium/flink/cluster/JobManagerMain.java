package io.alluvium.flink.cluster;

import io.alluvium.runtime.ChildProtocol;
import io.alluvium.runtime.ServiceJvm;
import io.alluvium.runtime.ServiceRunner;

/**
 * Child JVM main of the embedded Flink session cluster's JobManager ({@code alluvium up} with
 * {@code flink.cluster-embedded}): says ready with its REST address once it answers, serves until SIGTERM.
 */
public final class JobManagerMain {
    private JobManagerMain() {
    }

    public static void main(String[] args) {
        ChildProtocol.main(args, (config, jobArgs, out) -> ServiceRunner.runUntilTerminated(
                ServiceJvm.FLINK_JOBMANAGER.processName(), new JobManager(ClusterConfiguration.jobManager(config)),
                out));
    }
}
