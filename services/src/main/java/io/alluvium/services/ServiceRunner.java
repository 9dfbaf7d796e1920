package io.alluvium.services;

import io.alluvium.runtime.ChildProtocol;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The body shared by the services' main classes: start, say ready, serve until SIGTERM, then stop
 * cleanly from a shutdown hook. A service that stops without being asked fails the process, so the CLI
 * sees a dead service as an error rather than a silent exit 0.
 */
final class ServiceRunner {
    private ServiceRunner() {
    }

    static void runUntilTerminated(String name, EmbeddedService service, ChildProtocol out) throws Exception {
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
