package io.alluvium.spark.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alluvium.runtime.ChildProtocol.BadInputException;
import org.junit.jupiter.api.Test;

/** The arguments of {@code bench batch}'s child JVM: the CLI's {@code --events N} and an optional {@code --rounds N}. */
class BatchBenchMainTest {

    @Test
    void roundsDefaultToTwoAndTheCliEventCountIsAccepted() {
        assertThat(BatchBenchMain.rounds(new String[0])).isEqualTo(2);
        assertThat(BatchBenchMain.rounds(new String[] {"--events", "200000"})).isEqualTo(2);
        assertThat(BatchBenchMain.rounds(new String[] {"--rounds", "3", "--events", "1000"})).isEqualTo(3);
    }

    @Test
    void badArgumentsAreOneLineMessages() {
        assertThatThrownBy(() -> BatchBenchMain.rounds(new String[] {"--rounds", "0"}))
                .isInstanceOf(BadInputException.class).hasMessage("--rounds needs a whole number of at least 1, got \"0\"");
        assertThatThrownBy(() -> BatchBenchMain.rounds(new String[] {"--rounds", "two"}))
                .isInstanceOf(BadInputException.class).hasMessageContaining("got \"two\"");
        assertThatThrownBy(() -> BatchBenchMain.rounds(new String[] {"--rounds"}))
                .isInstanceOf(BadInputException.class).hasMessageContaining("usage: [--rounds N] [--events N]");
        assertThatThrownBy(() -> BatchBenchMain.rounds(new String[] {"--fast"}))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"--fast\"");
        assertThatThrownBy(() -> BatchBenchMain.rounds(new String[] {"--rounds", "50"}))
                .isInstanceOf(BadInputException.class).hasMessageContaining("more than 20");
    }
}
