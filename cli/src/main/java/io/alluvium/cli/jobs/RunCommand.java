package io.alluvium.cli.jobs;

import io.alluvium.cli.PlatformCommand;
import io.alluvium.cli.UserError;
import io.alluvium.cli.platform.EmbeddedService;
import io.alluvium.cli.platform.Platform;
import io.alluvium.cli.platform.Preflight;
import io.alluvium.cli.platform.RunningProfile;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.orchestrator.Orchestrator;
import io.alluvium.orchestrator.Pipeline;
import io.alluvium.orchestrator.Triggers;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;

/**
 * {@code alluvium run}: the whole platform, left running. The services (those not configured as external), the
 * landing and realtime jobs kept running, and a scheduler instance of the platform's pipeline that builds Silver and
 * Gold by itself when Bronze has new data and at {@code pipeline.schedule}; until Ctrl-C, which stops it all cleanly:
 * the scheduler (an attempt cut short is retried by the next instance), the jobs with their final savepoints, then
 * the services this command started (docs/orchestration.md#alluvium-run).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the platform unattended until Ctrl-C: the embedded services (or the configured external"
                + " ones), the landing and realtime jobs (each started again from its last checkpoint if it fails), and"
                + " a pipeline scheduler that runs silver -> gold -> publish, quality -> maintain when Bronze has new"
                + " data (looked for every pipeline.new-data-interval) and at pipeline.schedule.",
            "Says when a run starts and ends, and every 30 s how far behind each job is, the running and last runs"
                + " and what starts the next one. Ctrl-C stops the scheduler, the jobs (final savepoints) and the"
                + " services it started."})
public final class RunCommand extends PlatformCommand {
    private static final Duration STATUS_EVERY = Duration.ofSeconds(30);
    private static final Duration LOOK_EVERY = Duration.ofSeconds(2);
    /** Longer than the jobs' final savepoints and an attempt cut short take together. */
    private static final Duration STOP_WAIT = Duration.ofMinutes(3);

    @Override
    public Integer call() {
        if (console().json()) {
            throw new UserError("run has no --json: it runs until Ctrl-C; alluvium status --json and alluvium pipeline"
                    + " status --json show what runs");
        }
        AlluviumConfig config = config().with(AlluviumSettings.CONSOLE_PROGRESS, "false");
        Pipeline pipeline = PlatformPipeline.of(config);
        Triggers triggers = Triggers.of(config, PlatformPipeline.input(config)).required();
        Platform platform = new Platform(config);
        List<EmbeddedService> started = platform.up(console());
        RunningProfile.record(config);
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            await(stopped, STOP_WAIT);
        }, "run-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        List<KeptJob> jobs = new ArrayList<>();
        Orchestrator orchestrator = null;
        try {
            Preflight.requireKafka(config);
            Preflight.requireCatalog(config);
            Preflight.requireServingStore(config);
            Preflight.requireFlinkCluster(config);
            jobs.add(KeptJob.start("landing", EngineJobs.landing(config, false), config, console()::step));
            jobs.add(KeptJob.start("realtime", EngineJobs.realtime(config, false), config, console()::step));
            orchestrator = Orchestrator.triggered(config, pipeline, triggers);
            console().step("running: landing Kafka → Bronze, realtime Kafka → serving store, and scheduler "
                    + orchestrator.name() + " of pipeline " + pipeline.name() + " (runs and their logs: alluvium"
                    + " pipeline status; Ctrl-C stops)");
            follow(RunFollower.from(orchestrator, pipeline.name(), jobs, triggers), stop);
            return 0;
        } catch (SQLException e) {
            throw new IllegalStateException("the catalog database failed: " + e.getMessage(), e);
        } finally {
            console().step("stopping: the scheduler, the jobs (final savepoints)"
                    + (started.isEmpty() ? "" : ", then the services this command started"));
            if (orchestrator != null) {
                orchestrator.close();
            }
            jobs.parallelStream().forEach(KeptJob::close);
            platform.down(started, console());
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // stopped by Ctrl-C: the hook is what waits for this
            }
        }
    }

    /** Tells the runs as they start and end, and the status line every {@link #STATUS_EVERY}, until stopped. */
    private void follow(RunFollower follower, CountDownLatch stop) throws SQLException {
        long nextStatus = System.nanoTime();
        while (!await(stop, LOOK_EVERY)) {
            follower.tellRuns(console());
            if (System.nanoTime() - nextStatus >= 0) {
                console().step(follower.status());
                nextStatus = System.nanoTime() + STATUS_EVERY.toNanos();
            }
        }
    }

    /** Whether {@code latch} opened within {@code wait}. */
    private static boolean await(CountDownLatch latch, Duration wait) {
        try {
            return latch.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
