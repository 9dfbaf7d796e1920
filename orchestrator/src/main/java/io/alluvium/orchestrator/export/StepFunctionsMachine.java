package io.alluvium.orchestrator.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.orchestrator.Pipeline;
import io.alluvium.orchestrator.RetryPolicy;
import io.alluvium.orchestrator.Task;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A pipeline as an AWS Step Functions state machine (Amazon States Language), for running it where EMR runs Spark:
 * each task is an EMR step ({@code addStep.sync}, {@code command-runner.jar} running the task's CLI command on the
 * cluster given as {@code $.ClusterId} in the execution's input), with the task's timeout and its retry policy as
 * a {@code Retry} on every error. Stages of independent tasks become a {@code Parallel} state; a partitioned task
 * becomes a {@code Map} state over the days listed in the input ({@code $.days}), one step per day, for backfills
 * (docs/orchestration.md#export-to-airflow-or-step-functions).
 */
public final class StepFunctionsMachine {
    static final String ADD_STEP_SYNC = "arn:aws:states:::elasticmapreduce:addStep.sync";
    /** The longest name Step Functions accepts for a state. */
    private static final int STATE_NAME_LIMIT = 80;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Pipeline pipeline;

    private StepFunctionsMachine(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** The state machine's definition, as {@code aws stepfunctions create-state-machine --definition} takes it. */
    public static ObjectNode definition(Pipeline pipeline) {
        return new StepFunctionsMachine(pipeline).machine();
    }

    /** The definition as indented JSON text. */
    public static String json(Pipeline pipeline) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(definition(pipeline)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of JSON nodes always serializes", e);
        }
    }

    private ObjectNode machine() {
        ObjectNode machine = JSON.objectNode();
        String days = pipeline.tasks().stream().anyMatch(Task::partitioned)
                ? ", \"days\": [\"YYYY-MM-DD\", ...]" : "";
        machine.put("Comment", "Alluvium pipeline " + pipeline.name() + ", exported by `alluvium pipeline export"
                + " --step-functions`. Input: {\"ClusterId\": \"j-...\"" + days + "}.");
        List<List<Task>> stages = Stages.of(pipeline);
        chain(machine, IntStream.range(0, stages.size()).mapToObj(i -> stage(i + 1, stages.get(i))).toList());
        return machine;
    }

    /** A state and its name. */
    private record State(String name, ObjectNode node) {
    }

    /** Sets {@code StartAt} and {@code States} of {@code scope}: the states one after the other, the last ending. */
    private static void chain(ObjectNode scope, List<State> states) {
        scope.put("StartAt", states.get(0).name());
        ObjectNode byName = scope.putObject("States");
        for (int i = 0; i < states.size(); i++) {
            ObjectNode node = states.get(i).node();
            if (i + 1 < states.size()) {
                node.put("Next", states.get(i + 1).name());
            } else {
                node.put("End", true);
            }
            byName.set(states.get(i).name(), node);
        }
    }

    /** A stage's one task, or a Parallel state named after its tasks (after its number, when that is too long). */
    private State stage(int number, List<Task> tasks) {
        if (tasks.size() == 1) {
            return task(tasks.get(0));
        }
        ObjectNode parallel = JSON.objectNode();
        parallel.put("Type", "Parallel");
        ArrayNode branches = parallel.putArray("Branches");
        for (Task task : tasks) {
            ObjectNode branch = branches.addObject();
            chain(branch, List.of(task(task)));
        }
        parallel.putNull("ResultPath");
        String name = tasks.stream().map(Task::name).collect(Collectors.joining(", "));
        return new State(name.length() <= STATE_NAME_LIMIT ? name : "stage " + number + ": " + tasks.size()
                + " tasks", parallel);
    }

    /** The task's step, or for a partitioned task a Map state running its step once per day of {@code $.days}. */
    private State task(Task task) {
        if (!task.partitioned()) {
            return new State(task.name(), step(task, arguments(task)));
        }
        ObjectNode map = JSON.objectNode();
        map.put("Type", "Map");
        map.put("ItemsPath", "$.days");
        map.put("MaxConcurrency", 1);
        ObjectNode item = map.putObject("ItemSelector");
        item.put("ClusterId.$", "$.ClusterId");
        item.put("day.$", "$$.Map.Item.Value");
        ObjectNode processor = map.putObject("ItemProcessor");
        processor.putObject("ProcessorConfig").put("Mode", "INLINE");
        chain(processor, List.of(new State(task.name(), step(task, arguments(task)))));
        map.putNull("ResultPath");
        return new State(task.name() + " for each day", map);
    }

    /** {@code Args}, or for a partitioned task {@code Args.$} building the list with the item's day appended. */
    private ObjectNode arguments(Task task) {
        List<String> line = TaskCommand.of(pipeline.name(), task);
        ObjectNode jarStep = JSON.objectNode();
        jarStep.put("Jar", "command-runner.jar");
        if (task.partitioned()) {
            jarStep.put("Args.$", "States.Array(" + line.stream().map(StepFunctionsMachine::literal)
                    .collect(Collectors.joining(", ")) + ", " + literal(TaskCommand.DAY_OPTION) + ", $.day)");
        } else {
            ArrayNode args = jarStep.putArray("Args");
            line.forEach(args::add);
        }
        return jarStep;
    }

    /** A string literal of an intrinsic function: quoted, with {@code ' { } \} escaped. */
    private static String literal(String text) {
        return "'" + text.replaceAll("(['{}\\\\])", "\\\\$1") + "'";
    }

    private ObjectNode step(Task task, ObjectNode jarStep) {
        ObjectNode state = JSON.objectNode();
        state.put("Type", "Task");
        state.put("Resource", ADD_STEP_SYNC);
        ObjectNode parameters = state.putObject("Parameters");
        parameters.put("ClusterId.$", "$.ClusterId");
        ObjectNode step = parameters.putObject("Step");
        step.put("Name", "alluvium " + pipeline.name() + " " + task.name());
        // a failed step leaves the cluster up for the retry and the other branches
        step.put("ActionOnFailure", "CONTINUE");
        step.set("HadoopJarStep", jarStep);
        state.put("TimeoutSeconds", wholeSeconds(task.timeout()));
        RetryPolicy policy = task.retry();
        if (policy.attempts() > 1) {
            ObjectNode retry = state.putArray("Retry").addObject();
            retry.putArray("ErrorEquals").add("States.ALL");
            retry.put("IntervalSeconds", Math.max(1, wholeSeconds(policy.firstBackoff())));
            retry.put("MaxAttempts", policy.attempts() - 1);
            retry.put("BackoffRate", policy.multiplier());
        }
        state.putNull("ResultPath");
        return state;
    }

    /** Step Functions counts in whole seconds: a fraction is rounded up, so that no wait or limit shrinks. */
    private static long wholeSeconds(Duration duration) {
        return (duration.toMillis() + 999) / 1000;
    }
}
