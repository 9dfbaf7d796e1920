package io.alluvium.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alluvium.runtime.ChildProtocol.BadInputException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineTest {
    private static final TaskAction NOTHING = attempt -> { };

    /** silver -> gold -> (publish, quality) -> maintain, declared out of order. */
    private static Pipeline platform() {
        return Pipeline.of("platform", List.of(
                Task.of("maintain", NOTHING).after("publish", "quality"),
                Task.of("publish", NOTHING).after("gold"),
                Task.of("quality", NOTHING).after("gold"),
                Task.of("gold", NOTHING).after("silver").partitionedByDay(),
                Task.of("silver", NOTHING)));
    }

    private static List<String> names(List<Task> tasks) {
        return tasks.stream().map(Task::name).toList();
    }

    @Test
    void tasksComeEachAfterItsUpstreamTasks() {
        List<String> order = names(platform().tasks());
        assertThat(order).containsExactlyInAnyOrder("silver", "gold", "publish", "quality", "maintain");
        assertThat(order.indexOf("silver")).isLessThan(order.indexOf("gold"));
        assertThat(order.indexOf("gold")).isLessThan(order.indexOf("publish")).isLessThan(order.indexOf("maintain"));
        assertThat(order.indexOf("quality")).isLessThan(order.indexOf("maintain"));
    }

    @Test
    void rootsAndDownstreamFollowTheDependencies() {
        Pipeline p = platform();
        assertThat(names(p.roots())).containsExactly("silver");
        assertThat(names(p.directDownstream("gold"))).containsExactlyInAnyOrder("publish", "quality");
        assertThat(names(p.allDownstream("gold"))).containsExactlyInAnyOrder("publish", "quality", "maintain");
        assertThat(names(p.allDownstream("silver"))).hasSize(4);
        assertThat(p.allDownstream("maintain")).isEmpty();
        assertThat(p.task("gold").partitioned()).isTrue();
        assertThat(p.task("silver").partitioned()).isFalse();
    }

    @Test
    void aCycleIsNamedWithItsPath() {
        assertThatThrownBy(() -> Pipeline.of("p", List.of(
                Task.of("silver", NOTHING).after("maintain"),
                Task.of("gold", NOTHING).after("silver"),
                Task.of("maintain", NOTHING).after("gold"))))
                .isInstanceOf(BadInputException.class)
                .hasMessage("pipeline p has a cycle: silver -> maintain -> gold -> silver; "
                        + "remove one of these dependencies");
    }

    @Test
    void aTaskThatDependsOnItselfIsACycle() {
        assertThatThrownBy(() -> Pipeline.of("p", List.of(Task.of("gold", NOTHING).after("gold"))))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("cycle: gold -> gold");
    }

    @Test
    void anUnknownDependencyIsNamedWithASuggestion() {
        assertThatThrownBy(() -> Pipeline.of("p", List.of(
                Task.of("silver", NOTHING),
                Task.of("gold", NOTHING).after("silvr"))))
                .isInstanceOf(BadInputException.class)
                .hasMessage("pipeline p: task gold depends on unknown task silvr (did you mean silver?)");
    }

    @Test
    void anUnknownTaskIsNamedWithASuggestionAndTheTasks() {
        assertThatThrownBy(() -> platform().task("glod"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("pipeline platform has no task glod (did you mean gold?); "
                        + "its tasks: silver, gold, publish, quality, maintain");
    }

    @Test
    void namesAreUniqueAndWellFormed() {
        assertThatThrownBy(() -> Pipeline.of("p", List.of(Task.of("gold", NOTHING), Task.of("gold", NOTHING))))
                .isInstanceOf(BadInputException.class).hasMessage("pipeline p declares task gold twice");
        assertThatThrownBy(() -> Pipeline.of("p", List.of(Task.of("Gold Tables", NOTHING))))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("task name \"Gold Tables\" is not valid");
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThatThrownBy(() -> Task.of("gold", NOTHING).timeout(Duration.ZERO))
                .isInstanceOf(BadInputException.class).hasMessageContaining("task gold: a timeout must be positive");
    }
}
