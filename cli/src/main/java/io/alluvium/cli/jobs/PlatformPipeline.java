package io.alluvium.cli.jobs;

import io.alluvium.cli.JobFailure;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.orchestrator.Pipeline;
import io.alluvium.orchestrator.PipelineInput;
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
    private PlatformPipeline() {
    }

    public static Pipeline of(AlluviumConfig config) {
        // a Spark step that failed for a passing reason (a lost commit race, a full disk freed) is tried again
        RetryPolicy sparkStep = RetryPolicy.exponential(config.getInt(AlluviumSettings.PIPELINE_STEP_ATTEMPTS),
                config.getDuration(AlluviumSettings.PIPELINE_STEP_BACKOFF));
        return Pipeline.of(NAME, List.of(
                Task.of("silver", attempt -> batch(config, attempt.processName(), "silver"))
                        .command("batch", "silver").retry(sparkStep),
                Task.of("gold", attempt -> batch(config, attempt.processName(), "gold"))
                        .command("batch", "gold").after("silver").retry(sparkStep),
                Task.of("publish", attempt -> batch(config, attempt.processName(), "publish"))
                        .command("batch", "publish").after("gold").retry(sparkStep).timeout(Duration.ofMinutes(10)),
                // a failed invariant does not heal by itself: one attempt
                Task.of("quality", attempt -> quality(config, attempt.processName()))
                        .command("reconcile").after("gold").timeout(Duration.ofMinutes(30)),
                Task.of("maintain", attempt -> batch(config, attempt.processName(), "maintain", "--all"))
                        .command("maintain", "--all").after("publish", "quality").retry(sparkStep)));
    }

    private static void batch(AlluviumConfig config, String processName, String... args) {
        EngineJobs.run(EngineJobs.batch(config, processName, List.of(args)), config);
    }

    /**
     * The checks of {@code alluvium reconcile} that hold while the streams run on: Bronze landed once per offset,
     * Bronze = Silver + Quarantine + duplicates at the snapshot Silver was built from, Silver's ids unique, Gold =
     * Silver; fails naming those that do not hold. What the generator sent and the realtime view are compared by
     * {@code reconcile} itself, once everything has caught up.
     */
    private static void quality(AlluviumConfig config, String processName) {
        List<Reconciliation.Check> failing = Reconciliation.measure(config, processName).failingAtItsCut();
        if (!failing.isEmpty()) {
            throw new JobFailure("invariants do not hold: " + failing.stream()
                    .map(c -> "invariant " + c.invariant() + " " + c.topic() + " " + c.check() + ": expected "
                            + c.expected() + ", got " + c.actual())
                    .collect(Collectors.joining("; ")));
        }
    }

    /** What the data trigger looks at: the rows of each Bronze table. */
    public static PipelineInput input(AlluviumConfig config) {
        return new BronzeInput(config);
    }
}
