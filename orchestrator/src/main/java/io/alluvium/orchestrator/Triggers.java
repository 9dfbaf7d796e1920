package io.alluvium.orchestrator;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import java.time.Duration;
import java.util.Optional;

/**
 * What starts runs of a pipeline by itself on a scheduler instance: its schedule ({@code pipeline.schedule}), and
 * its data trigger, which looks at the pipeline's input every {@code pipeline.new-data-interval} and starts a run when
 * the input has changed since the last run started (docs/orchestration.md#triggers). Neither stacks runs: while a run
 * is running, they start none.
 *
 * @param input     the data trigger's input; empty: no data trigger
 * @param lookEvery how often the data trigger looks (zero without {@code input})
 */
public record Triggers(Schedule schedule, Optional<PipelineInput> input, Duration lookEvery) {
    public Triggers {
        if (input.isPresent() == (lookEvery.isNegative() || lookEvery.isZero())) {
            throw new IllegalArgumentException("a data trigger needs an input and a positive interval, got " + input
                    + " every " + lookEvery);
        }
    }

    /** The settings' schedule, and a data trigger on {@code input} unless {@code pipeline.new-data-interval} is 0s. */
    public static Triggers of(AlluviumConfig config, PipelineInput input) {
        Duration every = config.getDuration(AlluviumSettings.PIPELINE_NEW_DATA_INTERVAL);
        return new Triggers(Schedule.of(config), every.isZero() ? Optional.empty() : Optional.of(input), every);
    }

    /** As it is, or a {@link BadInputException} naming both settings when nothing would start a run. */
    public Triggers required() {
        if (schedule.cron().isEmpty() && input.isEmpty()) {
            throw new BadInputException("nothing would start a run: " + AlluviumSettings.PIPELINE_SCHEDULE
                    + " is empty and " + AlluviumSettings.PIPELINE_NEW_DATA_INTERVAL + " is 0s; set a cron expression"
                    + " (e.g. 0 * * * *, every hour) or how often to look for new data (e.g. 1m)");
        }
        return this;
    }
}
