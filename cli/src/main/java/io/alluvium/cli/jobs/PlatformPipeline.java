package io.alluvium.cli.jobs;

import io.alluvium.cli.JobFailure;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.orchestrator.Pipeline;
import io.alluvium.orchestrator.RetryPolicy;
import io.alluvium.orchestrator.Task;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The platform's batch side as one pipeline, declared once: {@code silver → gold → (publish, quality) → maintain},
 * each task the batch step the CLI's own commands run, as a child JVM named after the attempt, so that its log is
 * the attempt's log, and that command's line for another orchestrator to run
 * (docs/orchestration.md#the-platforms-pipeline). {@code pipeline run} runs it, and {@code bench pipeline} runs it
 * against its own tasks run by hand.
 */
public final class PlatformPipeline {
    static final String NAME = "platform";
    /** A Spark step that failed for a passing reason (a lost commit race, a full disk freed) is tried again. */
    private static final RetryPolicy SPARK_STEP = RetryPolicy.exponential(3, Duration.ofSeconds(30));

    private PlatformPipeline() {
    }

    public static Pipeline of(AlluviumConfig config) {
        return Pipeline.of(NAME, List.of(
                Task.of("silver", attempt -> batch(config, attempt.processName(), "silver"))
                        .command("batch", "silver").retry(SPARK_STEP),
                Task.of("gold", attempt -> batch(config, attempt.processName(), "gold"))
                        .command("batch", "gold").after("silver").retry(SPARK_STEP),
                Task.of("publish", attempt -> batch(config, attempt.processName(), "publish"))
                        .command("batch", "publish").after("gold").retry(SPARK_STEP).timeout(Duration.ofMinutes(10)),
                // a failed invariant does not heal by itself: one attempt
                Task.of("quality", attempt -> quality(config, attempt.processName()))
                        .command("reconcile").after("gold").timeout(Duration.ofMinutes(30)),
                Task.of("maintain", attempt -> batch(config, attempt.processName(), "maintain", "--all"))
                        .command("maintain", "--all").after("publish", "quality").retry(SPARK_STEP)));
    }

    private static void batch(AlluviumConfig config, String processName, String... args) {
        EngineJobs.run(EngineJobs.batch(config, processName, List.of(args)), config);
    }

    /** Invariants 1, 2 and 3, as {@code alluvium reconcile} checks them; fails naming the checks that do not hold. */
    private static void quality(AlluviumConfig config, String processName) {
        Reconciliation reconciliation = Reconciliation.measure(config, processName);
        if (!reconciliation.allHold()) {
            throw new JobFailure("invariants do not hold: " + reconciliation.checks().stream()
                    .filter(c -> !c.holds())
                    .map(c -> "invariant " + c.invariant() + " " + c.topic() + " " + c.check() + ": expected "
                            + c.expected() + ", got " + c.actual())
                    .collect(Collectors.joining("; ")));
        }
    }
}
