package io.alluvium.orchestrator;

import io.alluvium.config.ConfigDef;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one attempt's action within its task's timeout, on a thread of its own so that a hung action is
 * interrupted and the attempt recorded as timed out instead of holding the scheduler's thread forever. Turns
 * whatever the action throws into the attempt's one-line error.
 */
final class AttemptRunner implements AutoCloseable {
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService actions = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pipeline-attempt-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    Outcome run(Task task, AttemptContext attempt) {
        Future<?> running = actions.submit(() -> {
            task.action().run(attempt);
            return null;
        });
        try {
            running.get(task.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return Outcome.success();
        } catch (ExecutionException e) {
            return Outcome.failure(oneLine(e.getCause()));
        } catch (TimeoutException e) {
            running.cancel(true);
            return Outcome.failure("timed out after " + ConfigDef.formatDuration(task.timeout()));
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            return Outcome.failure("interrupted: the scheduler is stopping");
        }
    }

    private static String oneLine(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    @Override
    public void close() {
        actions.shutdownNow();
    }
}
