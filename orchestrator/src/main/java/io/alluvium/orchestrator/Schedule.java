package io.alluvium.orchestrator;

import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import com.github.kagkarlsson.scheduler.task.schedule.CronStyle;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * When a pipeline runs by itself: the setting {@code pipeline.schedule}, a 5-field Unix cron expression
 * in UTC as Airflow reads it, or none (runs started by hand only). Checked with db-scheduler's cron parser, so a
 * typo is one line naming the setting rather than a DAG Airflow refuses to load.
 */
public record Schedule(Optional<String> cron) {
    /** No schedule: every run is started by hand. */
    public static final Schedule MANUAL = new Schedule(Optional.empty());

    public Schedule {
        cron.ifPresent(Schedule::requireCron);
    }

    /**
     * As db-scheduler runs it: the cron expression in UTC; for {@link #MANUAL} a {@link BadInputException} saying that
     * a scheduler needs the setting.
     */
    public CronSchedule required() {
        return parseCron(cron.orElseThrow(() -> new BadInputException(AlluviumSettings.PIPELINE_SCHEDULE
                + " is empty: set a cron expression (e.g. 0 * * * *, every hour) for the scheduler to start runs by"
                + " itself")));
    }

    /** The schedule {@code pipeline.schedule} sets; a malformed expression is a {@link BadInputException}. */
    public static Schedule of(AlluviumConfig config) {
        return parse(config.getString(AlluviumSettings.PIPELINE_SCHEDULE));
    }

    /** {@code text} as a cron expression, or {@link #MANUAL} when blank. */
    public static Schedule parse(String text) {
        String cron = text.strip();
        return cron.isEmpty() ? MANUAL : new Schedule(Optional.of(cron));
    }

    private static void requireCron(String cron) {
        parseCron(cron);
    }

    private static CronSchedule parseCron(String cron) {
        try {
            return new CronSchedule(cron, ZoneOffset.UTC, CronStyle.UNIX);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(AlluviumSettings.PIPELINE_SCHEDULE + " \"" + cron + "\" is not a cron "
                    + "expression (minute hour day-of-month month day-of-week, e.g. 0 3 * * *): "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
