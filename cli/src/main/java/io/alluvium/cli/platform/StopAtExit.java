package io.alluvium.cli.platform;

/**
 * Stops a command's services if its JVM exits before the command stops them itself (Ctrl-C, SIGTERM): the services
 * run in sessions of their own, so the signal that ends the command does not reach them
 * (docs/architecture.md#processes). For commands whose services live only as long as they do ({@code demo},
 * {@code bench}); closing it, once the command has stopped them, removes the hook.
 */
public final class StopAtExit implements AutoCloseable {
    private final Thread hook;

    private StopAtExit(Runnable stop) {
        this.hook = new Thread(stop, "stop-services-at-exit");
    }

    /** Runs {@code stop} when the JVM exits, until closed. */
    public static StopAtExit of(Runnable stop) {
        StopAtExit atExit = new StopAtExit(stop);
        Runtime.getRuntime().addShutdownHook(atExit.hook);
        return atExit;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook runs, and is what stops the services
        }
    }
}
