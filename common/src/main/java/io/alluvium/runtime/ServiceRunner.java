package io.alluvium.runtime;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The body shared by the embedded services' main classes (the services module's and the Flink cluster's):
 * start, say ready, serve until SIGTERM, then stop cleanly from a shutdown hook. A service that stops without being asked fails the process, so the CLI
 * sees a dead service as an error rather than a silent exit 0.
 */
public final class ServiceRunner {
    private ServiceRunner() {
    }

    public static void runUntilTerminated(String name, EmbeddedService service, ChildProtocol out) throws Exception {
        AtomicBoolean stopRequested = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopRequested.set(true);
            service.close();
        }, name + "-shutdown"));
        String detail;
        try {
            detail = service.start();
        } catch (Exception | Error e) {
            service.close();
            throw e;
        }
        out.ready(detail);
        service.awaitStopped();
        if (!stopRequested.get()) {
            throw new IllegalStateException(name + " stopped unexpectedly (see its log file)");
        }
    }
}
