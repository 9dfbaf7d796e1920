package io.alluvium.orchestrator.export;

import io.alluvium.orchestrator.Pipeline;
import io.alluvium.orchestrator.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A pipeline as a sequence of stages, for orchestrators that chain steps and run branches side by side but have no
 * general DAG (Step Functions): a task's stage is one past the latest of its upstream tasks' stages, so every
 * upstream task has ended before a stage starts, and the tasks of one stage are independent of each other. For a
 * graph that is not a chain of fan-outs and fan-ins, a task may wait for a task of the previous stage it does not
 * depend on.
 */
final class Stages {
    private Stages() {
    }

    /** The stages of {@code pipeline} in order, each its tasks in pipeline order. */
    static List<List<Task>> of(Pipeline pipeline) {
        Map<String, Integer> stageOf = new HashMap<>();
        List<List<Task>> stages = new ArrayList<>();
        for (Task task : pipeline.tasks()) {
            int stage = task.upstream().stream().mapToInt(u -> stageOf.get(u) + 1).max().orElse(0);
            stageOf.put(task.name(), stage);
            if (stage == stages.size()) {
                stages.add(new ArrayList<>());
            }
            stages.get(stage).add(task);
        }
        return stages;
    }
}
