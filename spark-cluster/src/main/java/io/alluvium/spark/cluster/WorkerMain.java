package io.alluvium.spark.cluster;

import io.alluvium.runtime.ChildProtocol;
import io.alluvium.runtime.ServiceJvm;
import io.alluvium.runtime.ServiceRunner;

/**
 * Child JVM main of one worker of the embedded Spark standalone cluster ({@code alluvium up} with
 * {@code spark.cluster-embedded}); its argument is its number, from 1. Says ready once the master lists it alive,
 * serves until SIGTERM.
 */
public final class WorkerMain {
    private WorkerMain() {
    }

    public static void main(String[] args) {
        ChildProtocol.main(args, (config, workerArgs, out) -> {
            int n = ServiceJvm.SPARK_WORKER.instanceNumber(workerArgs);
            ServiceRunner.runUntilTerminated(ServiceJvm.SPARK_WORKER.processName(n), new StandaloneWorker(config, n),
                    out);
        });
    }
}
