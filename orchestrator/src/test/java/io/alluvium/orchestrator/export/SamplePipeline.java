package io.alluvium.orchestrator.export;

import io.alluvium.orchestrator.Pipeline;
import io.alluvium.orchestrator.RetryPolicy;
import io.alluvium.orchestrator.Task;
import io.alluvium.orchestrator.TaskAction;
import java.time.Duration;
import java.util.List;

/** The exporters' test pipeline: a retried root, a partitioned task, a fan-out to two tasks and a fan-in. */
final class SamplePipeline {
    private static final TaskAction NOTHING = attempt -> { };

    private SamplePipeline() {
    }

    /** silver (3 attempts, 30 s doubling) -> gold (by day) -> (publish 10 min, quality 1 attempt) -> maintain. */
    static Pipeline of() {
        return Pipeline.of("sample", List.of(
                Task.of("silver", NOTHING).command("batch", "silver")
                        .retry(RetryPolicy.exponential(3, Duration.ofSeconds(30))),
                Task.of("gold", NOTHING).command("batch", "gold").after("silver").partitionedByDay()
                        .retry(new RetryPolicy(2, Duration.ofMillis(1500), 3)),
                Task.of("publish", NOTHING).command("batch", "publish").after("gold")
                        .timeout(Duration.ofMinutes(10)),
                Task.of("quality", NOTHING).command("reconcile", "--note", "it's {checked}").after("gold"),
                Task.of("maintain", NOTHING).command("maintain", "--all").after("publish", "quality")));
    }
}
