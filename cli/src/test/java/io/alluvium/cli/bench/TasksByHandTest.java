package io.alluvium.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alluvium.cli.JobFailure;
import io.alluvium.orchestrator.AttemptContext;
import io.alluvium.orchestrator.Pipeline;
import io.alluvium.orchestrator.Task;
import io.alluvium.orchestrator.TaskAction;
import io.alluvium.runtime.DataDir;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The baseline of {@code bench pipeline}: a pipeline's own task actions, once each, in its order, by hand. */
class TasksByHandTest {
    @TempDir
    Path dir;

    private final List<AttemptContext> ran = new ArrayList<>();
    private final TaskAction recorded = ran::add;

    /** The platform's shape, declared out of order: the pipeline puts every task after its upstream ones. */
    private Pipeline platformShaped(TaskAction quality) {
        return Pipeline.of("platform", List.of(
                Task.of("maintain", recorded).after("publish", "quality"),
                Task.of("publish", recorded).after("gold"),
                Task.of("quality", quality).after("gold"),
                Task.of("gold", recorded).after("silver"),
                Task.of("silver", recorded)));
    }

    @Test
    void runsEveryTaskOnceInThePipelinesOrderAsProcessesOfItsOwn() {
        DataDir dataDir = new DataDir(dir);
        new TasksByHand(platformShaped(recorded), dataDir).run("bench-pipeline-by-hand-2", 2);
        assertThat(ran).extracting(AttemptContext::task).containsExactly("silver", "gold", "publish", "quality",
                "maintain");
        assertThat(ran).allSatisfy(attempt -> {
            assertThat(attempt.runId()).isEqualTo(2);
            assertThat(attempt.attempt()).isEqualTo(1);
            assertThat(attempt.partition()).isEmpty();
            assertThat(attempt.processName()).isEqualTo("bench-pipeline-by-hand-2-" + attempt.task());
            assertThat(attempt.logFile()).isEqualTo(dataDir.log(attempt.processName()));
        });
    }

    @Test
    void theFirstTaskThatFailsStopsItNamed() {
        TaskAction failing = attempt -> {
            throw new IllegalStateException("invariant 1 does not hold");
        };
        Pipeline pipeline = platformShaped(failing);
        assertThatThrownBy(() -> new TasksByHand(pipeline, new DataDir(dir)).run("by-hand", 1))
                .isInstanceOf(JobFailure.class)
                .hasMessage("task quality failed, run by hand: invariant 1 does not hold");
        assertThat(ran).extracting(AttemptContext::task).containsExactly("silver", "gold", "publish");
    }
}
