package io.alluvium.orchestrator.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alluvium.orchestrator.Pipeline;
import io.alluvium.orchestrator.Task;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The state machine's structure, read back from its JSON text. */
class StepFunctionsMachineTest {
    private final JsonNode machine = read(StepFunctionsMachine.json(SamplePipeline.of()));

    private static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> names(JsonNode states) {
        List<String> names = new ArrayList<>();
        states.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void theCommentShowsTheInput() {
        assertThat(machine.path("Comment").asText())
                .endsWith("Input: {\"ClusterId\": \"j-...\", \"days\": [\"YYYY-MM-DD\", ...]}.");
    }

    @Test
    void stagesFollowEachOtherAndTheLastEnds() {
        assertThat(machine.path("StartAt").asText()).isEqualTo("silver");
        JsonNode states = machine.path("States");
        assertThat(names(states)).containsExactly("silver", "gold for each day", "publish, quality", "maintain");
        assertThat(states.path("silver").path("Next").asText()).isEqualTo("gold for each day");
        assertThat(states.path("gold for each day").path("Next").asText()).isEqualTo("publish, quality");
        assertThat(states.path("publish, quality").path("Next").asText()).isEqualTo("maintain");
        assertThat(states.path("maintain").path("End").asBoolean()).isTrue();
    }

    @Test
    void aTaskIsAnEmrStepRunningItsCommandOnTheClusterOfTheInput() {
        JsonNode silver = machine.path("States").path("silver");
        assertThat(silver.path("Type").asText()).isEqualTo("Task");
        assertThat(silver.path("Resource").asText()).isEqualTo("arn:aws:states:::elasticmapreduce:addStep.sync");
        assertThat(silver.path("Parameters").path("ClusterId.$").asText()).isEqualTo("$.ClusterId");
        JsonNode jarStep = silver.path("Parameters").path("Step").path("HadoopJarStep");
        assertThat(jarStep.path("Jar").asText()).isEqualTo("command-runner.jar");
        assertThat(jarStep.path("Args").toString()).isEqualTo("[\"alluvium\",\"batch\",\"silver\"]");
        assertThat(silver.path("ResultPath").isNull()).as("the input passes on to the next state").isTrue();
    }

    @Test
    void theRetryPolicyAndTimeoutCarryOver() {
        JsonNode silver = machine.path("States").path("silver");
        assertThat(silver.path("TimeoutSeconds").asLong()).isEqualTo(3600);
        JsonNode retry = silver.path("Retry").path(0);
        assertThat(retry.path("ErrorEquals").toString()).isEqualTo("[\"States.ALL\"]");
        assertThat(retry.path("IntervalSeconds").asInt()).isEqualTo(30);
        assertThat(retry.path("MaxAttempts").asInt()).isEqualTo(2);
        assertThat(retry.path("BackoffRate").asDouble()).isEqualTo(2.0);

        JsonNode gold = machine.path("States").path("gold for each day").path("ItemProcessor").path("States")
                .path("gold");
        assertThat(gold.path("Retry").path(0).path("IntervalSeconds").asInt()).as("1.5 s rounded up").isEqualTo(2);
        assertThat(gold.path("Retry").path(0).path("MaxAttempts").asInt()).isEqualTo(1);
        assertThat(gold.path("Retry").path(0).path("BackoffRate").asDouble()).isEqualTo(3.0);
    }

    @Test
    void aFanOutIsAParallelStateWithABranchPerTask() {
        JsonNode parallel = machine.path("States").path("publish, quality");
        assertThat(parallel.path("Type").asText()).isEqualTo("Parallel");
        assertThat(parallel.path("Branches")).hasSize(2);
        JsonNode publish = parallel.path("Branches").path(0);
        assertThat(publish.path("StartAt").asText()).isEqualTo("publish");
        assertThat(publish.path("States").path("publish").path("TimeoutSeconds").asLong()).isEqualTo(600);
        assertThat(publish.path("States").path("publish").path("End").asBoolean()).isTrue();
        JsonNode quality = parallel.path("Branches").path(1).path("States").path("quality");
        assertThat(quality.has("Retry")).as("one attempt: no retry").isFalse();
        assertThat(parallel.path("ResultPath").isNull()).isTrue();
    }

    @Test
    void aPartitionedTaskIsAMapOverTheDaysOfTheInput() {
        JsonNode map = machine.path("States").path("gold for each day");
        assertThat(map.path("Type").asText()).isEqualTo("Map");
        assertThat(map.path("ItemsPath").asText()).isEqualTo("$.days");
        assertThat(map.path("ItemSelector").path("ClusterId.$").asText()).isEqualTo("$.ClusterId");
        assertThat(map.path("ItemSelector").path("day.$").asText()).isEqualTo("$$.Map.Item.Value");
        JsonNode gold = map.path("ItemProcessor").path("States").path("gold");
        assertThat(gold.path("Parameters").path("Step").path("HadoopJarStep").path("Args.$").asText())
                .isEqualTo("States.Array('alluvium', 'batch', 'gold', '--day', $.day)");
    }

    @Test
    void aParallelStateWhoseTasksMakeTooLongANameIsNamedAfterItsStage() {
        List<Task> tasks = new ArrayList<>(List.of(Task.of("root", attempt -> { }).command("batch", "silver")));
        for (int i = 0; i < 10; i++) {
            tasks.add(Task.of("branch-number-" + i, attempt -> { }).command("reconcile").after("root"));
        }
        JsonNode states = StepFunctionsMachine.definition(Pipeline.of("p", tasks)).path("States");
        assertThat(names(states)).containsExactly("root", "stage 2: 10 tasks");
        assertThat(states.path("stage 2: 10 tasks").path("Branches")).hasSize(10);
    }

    @Test
    void intrinsicLiteralsAreEscaped() {
        Pipeline pipeline = Pipeline.of("p", List.of(Task.of("t", attempt -> { })
                .command("reconcile", "it's {x}").partitionedByDay()));
        JsonNode args = StepFunctionsMachine.definition(pipeline).path("States").path("t for each day")
                .path("ItemProcessor").path("States").path("t").path("Parameters").path("Step")
                .path("HadoopJarStep").path("Args.$");
        assertThat(args.asText()).isEqualTo("States.Array('alluvium', 'reconcile', 'it\\'s \\{x\\}', '--day', $.day)");
    }

    @Test
    void aTaskWithoutACommandLineIsRefused() {
        Pipeline pipeline = Pipeline.of("p", List.of(Task.of("t", attempt -> { })));
        assertThatThrownBy(() -> StepFunctionsMachine.definition(pipeline))
                .isInstanceOf(BadInputException.class)
                .hasMessage("pipeline p: task t declares no command line, so it cannot run outside Alluvium; "
                        + "declare one with Task.command(...)");
    }
}
