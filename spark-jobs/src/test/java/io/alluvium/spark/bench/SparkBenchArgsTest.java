package io.alluvium.spark.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alluvium.runtime.ChildProtocol.BadInputException;
import org.junit.jupiter.api.Test;

/**
 * The arguments of the Spark benches' child JVMs: the CLI's {@code --events N} (fixed work: one pass per round)
 * and an optional {@code --rounds N} (at least 3, for a median).
 */
class SparkBenchArgsTest {

    @Test
    void threeRoundsSizedByDefaultAndTheCliEventCountFixesTheWork() {
        assertThat(SparkBenchArgs.parse(new String[0])).isEqualTo(new SparkBenchArgs(3, false));
        assertThat(SparkBenchArgs.parse(new String[] {"--events", "200000"})).isEqualTo(new SparkBenchArgs(3, true));
        assertThat(SparkBenchArgs.parse(new String[] {"--rounds", "5", "--events", "1000"}))
                .isEqualTo(new SparkBenchArgs(5, true));
    }

    @Test
    void badArgumentsAreOneLineMessages() {
        assertThatThrownBy(() -> SparkBenchArgs.parse(new String[] {"--rounds", "0"}))
                .isInstanceOf(BadInputException.class).hasMessage("--rounds needs a whole number of at least 1, got \"0\"");
        assertThatThrownBy(() -> SparkBenchArgs.parse(new String[] {"--rounds", "two"}))
                .isInstanceOf(BadInputException.class).hasMessageContaining("got \"two\"");
        assertThatThrownBy(() -> SparkBenchArgs.parse(new String[] {"--rounds"}))
                .isInstanceOf(BadInputException.class).hasMessageContaining("usage: [--rounds N] [--events N]");
        assertThatThrownBy(() -> SparkBenchArgs.parse(new String[] {"--fast"}))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"--fast\"");
        assertThatThrownBy(() -> SparkBenchArgs.parse(new String[] {"--rounds", "2"}))
                .isInstanceOf(BadInputException.class).hasMessage("--rounds must be between 3 and 20, got 2");
        assertThatThrownBy(() -> SparkBenchArgs.parse(new String[] {"--rounds", "50"}))
                .isInstanceOf(BadInputException.class).hasMessage("--rounds must be between 3 and 20, got 50");
    }
}
