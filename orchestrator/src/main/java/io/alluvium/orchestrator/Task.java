package io.alluvium.orchestrator;

import io.alluvium.runtime.ChildProtocol.BadInputException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One step of a {@link Pipeline}: its name, the tasks that must have succeeded before it starts, how it is retried,
 * how long one attempt may take, whether it works on one event day (a partition) of a run, and its action.
 * Declared in Java with the withers below, e.g.
 * {@code Task.of("gold", action).after("silver").retry(RetryPolicy.exponential(3, Duration.ofSeconds(30)))}.
 */
public record Task(String name, List<String> upstream, RetryPolicy retry, Duration timeout, boolean partitioned,
                   TaskAction action) {
    /** The timeout of a task that declares none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);

    public Task {
        Objects.requireNonNull(name, "name");
        upstream = List.copyOf(upstream);
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(action, "action");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new BadInputException("task " + name + ": a timeout must be positive, not " + timeout);
        }
    }

    /** A task with no upstream, one attempt, the default timeout, not partitioned. */
    public static Task of(String name, TaskAction action) {
        return new Task(name, List.of(), RetryPolicy.NONE, DEFAULT_TIMEOUT, false, action);
    }

    /** This task, starting only once {@code tasks} (besides those already named) have succeeded. */
    public Task after(String... tasks) {
        return new Task(name, Stream.concat(upstream.stream(), Stream.of(tasks)).toList(), retry, timeout, partitioned,
                action);
    }

    public Task retry(RetryPolicy policy) {
        return new Task(name, upstream, policy, timeout, partitioned, action);
    }

    public Task timeout(Duration limit) {
        return new Task(name, upstream, retry, limit, partitioned, action);
    }

    /** This task, working on the event day of its run (a backfill runs it once per day). */
    public Task partitionedByDay() {
        return new Task(name, upstream, retry, timeout, true, action);
    }
}
