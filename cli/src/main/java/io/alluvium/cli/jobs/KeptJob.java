package io.alluvium.cli.jobs;

import io.alluvium.cli.Console;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.ChildJvm;
import io.alluvium.runtime.ChildProtocol;
import io.alluvium.runtime.ExitCode;
import io.alluvium.runtime.RunningJob;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A streaming job that {@code alluvium run} keeps running: its child JVM started, followed on a thread of its own
 * (its progress says how far behind the topics it is), started again {@link #RESTART_DELAY} after it failed (it
 * resumes from its last checkpoint, so nothing is lost or doubled), and asked to stop with a final savepoint at the
 * end (docs/orchestration.md#alluvium-run). A job that ends by itself without failing was stopped (Ctrl-C reaches
 * it too) and is not started again; one refused as bad input is not either: starting it again would not change it.
 */
final class KeptJob implements AutoCloseable {
    static final Duration RESTART_DELAY = Duration.ofSeconds(10);
    /** How long a final savepoint may take before the job is killed (it then resumes from its last checkpoint). */
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);

    /** What the status line says of the job. */
    record State(String job, boolean running, long behind, int restarts, String ended) {
    }

    private final String name;
    private final ChildJvm jvm;
    private final AlluviumConfig config;
    private final Consumer<String> events;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread keeper;
    private volatile RunningJob current;
    private volatile long behind = -1;
    private volatile int restarts;
    private volatile String ended;

    private KeptJob(String name, ChildJvm jvm, AlluviumConfig config, Consumer<String> events) {
        this.name = name;
        this.jvm = jvm;
        this.config = config;
        this.events = events;
        this.keeper = new Thread(this::keep, "keep-" + name);
    }

    /** Starts {@code jvm} and keeps it running; {@code events} hears of each failure and restart, in one line. */
    static KeptJob start(String name, ChildJvm jvm, AlluviumConfig config, Consumer<String> events) {
        KeptJob job = new KeptJob(name, jvm, config, events);
        job.keeper.start();
        return job;
    }

    private void keep() {
        while (true) {
            RunningJob job;
            synchronized (this) {
                if (stopping.getCount() == 0) {
                    ended = "stopped";
                    return;
                }
                try {
                    job = RunningJob.start(jvm, config);
                } catch (RuntimeException e) {
                    ended = "not started: " + e.getMessage();
                    events.accept(name + " could not be started: " + e.getMessage());
                    return;
                }
                current = job;
            }
            RunningJob.Outcome outcome = job.await(this::progress);
            current = null;
            behind = -1;
            if (outcome.succeeded()) {
                ended = "stopped";
                events.accept(name + " stopped" + savepoint(outcome).map(s -> ", savepoint " + s).orElse(""));
                return;
            }
            if (stopping.getCount() == 0) {
                ended = "stopped";
                events.accept(name + " did not stop with a savepoint (" + outcome.failureMessage().lines().findFirst()
                        .orElse("exit " + outcome.exitCode()) + "): it resumes from its last checkpoint");
                return;
            }
            String reason = outcome.failureMessage().lines().findFirst().orElse("exit " + outcome.exitCode());
            if (outcome.exitCode() == ExitCode.BAD_INPUT.code()) {
                ended = "refused: " + reason;
                events.accept(name + " refused its input, not started again: " + reason);
                return;
            }
            restarts++;
            events.accept(name + " failed (" + reason + "); starting it again in " + RESTART_DELAY.toSeconds()
                    + " s from its last checkpoint (log: " + outcome.log() + ")");
            try {
                stopping.await(RESTART_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The final savepoint a stopped job reports in its result, if any. */
    private static Optional<String> savepoint(RunningJob.Outcome outcome) {
        if (outcome.result() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Console.JSON.readTree(outcome.result()).path("savepoint").asText(""))
                    .filter(s -> !s.isEmpty());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void progress(ChildProtocol.Message message) {
        if (message.kind() == ChildProtocol.Kind.PROGRESS) {
            behind = Math.max(0, message.total() - message.done());
        }
    }

    State state() {
        return new State(name, current != null, behind, restarts, ended);
    }

    /** Asks the job for its final savepoint and waits for it to end (killing it after {@link #STOP_GRACE}). */
    @Override
    public void close() {
        RunningJob job;
        synchronized (this) {
            stopping.countDown();
            job = current;
        }
        if (job != null) {
            job.stop(STOP_GRACE);
        }
        try {
            keeper.join(STOP_GRACE.plusSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
