package io.alluvium.orchestrator;

import io.alluvium.runtime.ChildProtocol.BadInputException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One step of a {@link Pipeline}: its name, the tasks that must have succeeded before it starts, how it is retried,
 * how long one attempt may take, whether it works on one event day (a partition) of a run, its action and the
 * command line that does the same from a shell (what an exported pipeline runs in another orchestrator).
 * Declared in Java with the withers below, e.g.
 * {@code Task.of("gold", action).command("batch", "gold").after("silver").retry(RetryPolicy.exponential(3,
 * Duration.ofSeconds(30)))}.
 *
 * @param command the CLI's arguments that do what {@code action} does, e.g. {@code [batch, gold]} for
 *                {@code alluvium batch gold}; empty when the task cannot be exported
 */
public record Task(String name, List<String> upstream, RetryPolicy retry, Duration timeout, boolean partitioned,
                   TaskAction action, List<String> command) {
    /** The timeout of a task that declares none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);

    public Task {
        Objects.requireNonNull(name, "name");
        upstream = List.copyOf(upstream);
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(action, "action");
        command = List.copyOf(command);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new BadInputException("task " + name + ": a timeout must be positive, not " + timeout);
        }
    }

    /** A task with no upstream, one attempt, the default timeout, not partitioned, no command line. */
    public static Task of(String name, TaskAction action) {
        return new Task(name, List.of(), RetryPolicy.NONE, DEFAULT_TIMEOUT, false, action, List.of());
    }

    /** This task, starting only once {@code tasks} (besides those already named) have succeeded. */
    public Task after(String... tasks) {
        return new Task(name, Stream.concat(upstream.stream(), Stream.of(tasks)).toList(), retry, timeout, partitioned,
                action, command);
    }

    public Task retry(RetryPolicy policy) {
        return new Task(name, upstream, policy, timeout, partitioned, action, command);
    }

    public Task timeout(Duration limit) {
        return new Task(name, upstream, retry, limit, partitioned, action, command);
    }

    /** This task, working on the event day of its run (a backfill runs it once per day). */
    public Task partitionedByDay() {
        return new Task(name, upstream, retry, timeout, true, action, command);
    }

    /**
     * This task, run from a shell as {@code alluvium <arguments>} (a partitioned task's day is appended as
     * {@code --day YYYY-MM-DD}): what an exported pipeline's task runs.
     */
    public Task command(String... arguments) {
        return new Task(name, upstream, retry, timeout, partitioned, action, List.of(arguments));
    }
}
