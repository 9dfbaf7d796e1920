package io.alluvium.cli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.alluvium.cli.Console;
import io.alluvium.cli.JobFailure;
import io.alluvium.cli.ProgressDisplay;
import io.alluvium.cli.UserError;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.ChildJvm;
import io.alluvium.runtime.ChildProtocol;
import io.alluvium.runtime.ExitCode;
import io.alluvium.runtime.JobMain;
import io.alluvium.runtime.RunningJob;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine jobs the CLI runs in child JVMs (Flink landing, Spark batch), and how one is run to its
 * end: progress bars while it works, its JSON result when it succeeds, one clear message when not.
 */
public final class EngineJobs {
    /** How long a job may take to stop cleanly on Ctrl-C (a streaming job's final savepoint) before it is killed. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private EngineJobs() {
    }

    public static ChildJvm landing(AlluviumConfig config, boolean untilCaughtUp) {
        return JobMain.LANDING.jvm("landing", config.getMemory(AlluviumSettings.FLINK_HEAP),
                untilCaughtUp ? List.of("--until-caught-up") : List.of());
    }

    static ChildJvm realtime(AlluviumConfig config, boolean untilCaughtUp) {
        return JobMain.REALTIME.jvm("realtime", config.getMemory(AlluviumSettings.FLINK_HEAP),
                untilCaughtUp ? List.of("--until-caught-up") : List.of());
    }

    public static ChildJvm batch(AlluviumConfig config, String logName, List<String> args) {
        return JobMain.BATCH.jvm(logName, config.getMemory(AlluviumSettings.SPARK_HEAP),
                new ArrayList<>(args));
    }

    /** A finished job: its JSON result (empty if it printed none) and its peak resident memory. */
    record Finished(JsonNode result, long peakRssBytes) {
    }

    /** Runs the job to its end; returns its result (an empty object if it printed none). */
    public static JsonNode run(ChildJvm jvm, AlluviumConfig config) {
        return runMeasured(jvm, config).result();
    }

    /** Runs the job to its end, measuring its memory. */
    static Finished runMeasured(ChildJvm jvm, AlluviumConfig config) {
        RunningJob job = RunningJob.start(jvm, config);
        Thread killOnExit = new Thread(() -> job.stop(STOP_GRACE), "stop-" + jvm.name());
        Runtime.getRuntime().addShutdownHook(killOnExit);
        RunningJob.Outcome outcome;
        try (ProgressDisplay progress = new ProgressDisplay(config.getBoolean(AlluviumSettings.CONSOLE_PROGRESS))) {
            outcome = job.await(progress);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook runs anyway
            }
        }
        if (outcome.exitCode() == ExitCode.BAD_INPUT.code()) {
            throw new UserError(outcome.failureMessage());
        }
        if (!outcome.succeeded()) {
            throw new JobFailure(jvm.name() + " failed: " + outcome.failureMessage());
        }
        if (outcome.result() == null) {
            return new Finished(JsonNodeFactory.instance.objectNode(), outcome.peakRssBytes());
        }
        try {
            return new Finished(Console.JSON.readTree(outcome.result()), outcome.peakRssBytes());
        } catch (IOException e) {
            throw new JobFailure(jvm.name() + " returned a result that is not JSON: " + e.getMessage());
        }
    }
}
