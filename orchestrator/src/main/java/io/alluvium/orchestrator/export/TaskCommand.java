package io.alluvium.orchestrator.export;

import io.alluvium.orchestrator.Task;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * What an exported task runs: the {@code alluvium} CLI with the arguments its {@link Task#command()} declares, the
 * same line a user would type. Both exporters start from it and add a partitioned task's day their own way.
 */
final class TaskCommand {
    /** The CLI's executable, found on the PATH of the machine that runs the task. */
    static final String EXECUTABLE = "alluvium";
    /** The option a partitioned task's day is given with, followed by the day as YYYY-MM-DD. */
    static final String DAY_OPTION = "--day";

    private TaskCommand() {
    }

    /** {@code alluvium <arguments>}, without the day; a task with no command line cannot be exported. */
    static List<String> of(String pipeline, Task task) {
        if (task.command().isEmpty()) {
            throw new BadInputException("pipeline " + pipeline + ": task " + task.name() + " declares no command "
                    + "line, so it cannot run outside Alluvium; declare one with Task.command(...)");
        }
        List<String> line = new ArrayList<>(List.of(EXECUTABLE));
        line.addAll(task.command());
        return line;
    }
}
