package io.alluvium.flink.run;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A request to end a continuous landing run cleanly (final savepoint, last commit, exit 0). The child
 * JVM raises it on SIGTERM or SIGINT ({@code alluvium stream stop}, Ctrl-C) by replacing the JVM's
 * default handler, because the default handler starts the JVM's shutdown, whose hooks (Flink's blob
 * server, temp directories, logging) would tear the job down while its final savepoint is being taken.
 */
public final class StopRequest {
    private final CountDownLatch requested = new CountDownLatch(1);

    /** Raised when the process receives SIGTERM or SIGINT. */
    public static StopRequest onTerminationSignals() {
        StopRequest stop = new StopRequest();
        for (String name : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> stop.request());
        }
        return stop;
    }

    public void request() {
        requested.countDown();
    }

    boolean isRequested() {
        return requested.getCount() == 0;
    }

    /** Waits up to {@code timeout}; true if the stop was requested. */
    public boolean await(Duration timeout) throws InterruptedException {
        return requested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
