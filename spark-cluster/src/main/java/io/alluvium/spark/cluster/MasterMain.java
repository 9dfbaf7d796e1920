package io.alluvium.spark.cluster;

import io.alluvium.runtime.ChildProtocol;
import io.alluvium.runtime.ServiceJvm;
import io.alluvium.runtime.ServiceRunner;

/**
 * Child JVM main of the embedded Spark standalone cluster's master ({@code alluvium up} with
 * {@code spark.cluster-embedded}): says ready with its URL once it listens, serves until SIGTERM.
 */
public final class MasterMain {
    private MasterMain() {
    }

    public static void main(String[] args) {
        ChildProtocol.main(args, (config, masterArgs, out) -> ServiceRunner.runUntilTerminated(
                ServiceJvm.SPARK_MASTER.processName(), new StandaloneMaster(config), out));
    }
}
