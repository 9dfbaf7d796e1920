package io.alluvium.runtime;

/**
 * A long-lived service of the embedded platform, as its child JVM runs it: started once, then serving
 * until it is closed (by the shutdown hook on SIGTERM) or stops on its own (a failure).
 */
public interface EmbeddedService extends AutoCloseable {

    /** Starts the service and returns once it accepts requests; the result is the ready line's detail. */
    String start() throws Exception;

    /** Blocks until the service has stopped, whatever stopped it. */
    void awaitStopped() throws InterruptedException;

    /** Stops the service cleanly; safe to call more than once. */
    @Override
    void close();
}
