package io.alluvium.orchestrator;

/**
 * What a task does when one of its attempts runs: the platform's tasks start a batch step's child JVM. Throwing
 * fails the attempt (its message is recorded); returning succeeds it. Interrupted when the task's timeout passes.
 */
@FunctionalInterface
public interface TaskAction {
    void run(AttemptContext attempt) throws Exception;
}
