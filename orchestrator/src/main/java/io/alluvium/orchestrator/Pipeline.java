package io.alluvium.orchestrator;

import io.alluvium.config.DidYouMean;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A named DAG of {@link Task}s, declared once and checked when made: every name is well formed and unique, every
 * upstream names a task of the pipeline (a typo gets a suggestion), and no task depends on itself through others
 * (the cycle is named with its path). Only a valid pipeline exists, so the orchestrator never meets a bad graph
 * (docs/orchestration.md#the-pipeline).
 */
public final class Pipeline {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

    private final String name;
    private final Map<String, Task> tasks;

    private Pipeline(String name, Map<String, Task> tasksInOrder) {
        this.name = name;
        this.tasks = tasksInOrder;
    }

    /** The pipeline of {@code tasks}; a bad graph is a {@link BadInputException} naming what to fix. */
    public static Pipeline of(String name, List<Task> tasks) {
        requireName("pipeline", name);
        Map<String, Task> byName = new LinkedHashMap<>();
        for (Task task : tasks) {
            requireName("task", task.name());
            if (byName.put(task.name(), task) != null) {
                throw new BadInputException("pipeline " + name + " declares task " + task.name() + " twice");
            }
        }
        for (Task task : tasks) {
            for (String upstream : task.upstream()) {
                if (!byName.containsKey(upstream)) {
                    throw new BadInputException("pipeline " + name + ": task " + task.name()
                            + " depends on unknown task " + upstream + DidYouMean.among(upstream, byName.keySet()));
                }
            }
        }
        return new Pipeline(name, topologicalOrder(name, byName));
    }

    private static void requireName(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new BadInputException(what + " name \"" + name + "\" is not valid: use lowercase letters, digits, "
                    + "- and _, starting with a letter");
        }
    }

    /** Depth-first, upstream before downstream; a task met again while still on the path closes a cycle. */
    private static Map<String, Task> topologicalOrder(String pipeline, Map<String, Task> byName) {
        Map<String, Task> ordered = new LinkedHashMap<>();
        Set<String> onPath = new LinkedHashSet<>();
        for (String task : byName.keySet()) {
            visit(pipeline, task, byName, onPath, ordered);
        }
        return ordered;
    }

    private static void visit(String pipeline, String task, Map<String, Task> byName, Set<String> onPath,
                              Map<String, Task> ordered) {
        if (ordered.containsKey(task)) {
            return;
        }
        if (!onPath.add(task)) {
            List<String> path = new ArrayList<>(onPath);
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(task), path.size()));
            cycle.add(task);
            throw new BadInputException("pipeline " + pipeline + " has a cycle: " + String.join(" -> ", cycle)
                    + "; remove one of these dependencies");
        }
        for (String upstream : byName.get(task).upstream()) {
            visit(pipeline, upstream, byName, onPath, ordered);
        }
        onPath.remove(task);
        ordered.put(task, byName.get(task));
    }

    public String name() {
        return name;
    }

    /** Every task, each after all of its upstream tasks. */
    public List<Task> tasks() {
        return List.copyOf(tasks.values());
    }

    /** The task called {@code name}; an unknown one is a {@link BadInputException} with a suggestion. */
    public Task task(String name) {
        Task task = tasks.get(name);
        if (task == null) {
            throw new BadInputException("pipeline " + this.name + " has no task " + name
                    + DidYouMean.among(name, tasks.keySet()) + "; its tasks: " + String.join(", ", tasks.keySet()));
        }
        return task;
    }

    /** The tasks that start a run: those with no upstream. */
    public List<Task> roots() {
        return tasks.values().stream().filter(t -> t.upstream().isEmpty()).toList();
    }

    /** The tasks that name {@code task} as an upstream. */
    public List<Task> directDownstream(String task) {
        return tasks.values().stream().filter(t -> t.upstream().contains(task)).toList();
    }

    /** Every task that depends on {@code task}, directly or through others, in pipeline order. */
    public List<Task> allDownstream(String task) {
        Set<String> reached = new HashSet<>();
        Deque<String> next = new ArrayDeque<>(List.of(task));
        while (!next.isEmpty()) {
            for (Task t : directDownstream(next.pop())) {
                if (reached.add(t.name())) {
                    next.push(t.name());
                }
            }
        }
        return tasks.values().stream().filter(t -> reached.contains(t.name())).toList();
    }
}
