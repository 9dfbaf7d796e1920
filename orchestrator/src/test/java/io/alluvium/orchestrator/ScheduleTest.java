package io.alluvium.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alluvium.runtime.ChildProtocol.BadInputException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    @Test
    void aUnixCronExpressionIsTheSchedule() {
        assertThat(Schedule.parse(" */15 6-18 * * 1-5 ").cron()).contains("*/15 6-18 * * 1-5");
    }

    @Test
    void emptyMeansByHandOnly() {
        assertThat(Schedule.parse("").cron()).isEqualTo(Optional.empty());
    }

    @Test
    void aMalformedExpressionIsOneLineNamingTheSetting() {
        assertThatThrownBy(() -> Schedule.parse("61 3 * * *"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("pipeline.schedule \"61 3 * * *\" is not a cron expression (minute hour "
                        + "day-of-month month day-of-week, e.g. 0 3 * * *): ")
                .hasMessageContaining("61")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> Schedule.parse("0 0 3 * * *"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("6 parts");
    }
}
