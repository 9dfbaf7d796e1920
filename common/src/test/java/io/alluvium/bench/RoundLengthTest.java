package io.alluvium.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Rounds of at least ten seconds: sized from a calibration round's rate, or a pass repeated. */
class RoundLengthTest {

    @Test
    void aSizedRoundLastsTenSecondsWithHeadroomAtTheCalibrationRate() {
        // 200,000 in 2 s is 100,000/s: 10 s of it with 1.5 headroom
        assertThat(RoundLength.sized(200_000, 2.0)).isEqualTo(1_500_000);
        assertThat(RoundLength.sized(3, 7.0)).isEqualTo(7); // 6.43 rounded up
        assertThatThrownBy(() -> RoundLength.sized(200_000, 0)).hasMessageContaining("some work in some time");
        assertThatThrownBy(() -> RoundLength.sized(0, 1)).hasMessageContaining("some work in some time");
    }

    @Test
    void aPassRepeatsUntilTheRoundHasLastedLongEnough() {
        AtomicInteger runs = new AtomicInteger();
        List<Double> passes = RoundLength.repeated(10, seconds -> seconds, () -> {
            runs.incrementAndGet();
            return 4.0;
        });
        assertThat(passes).containsExactly(4.0, 4.0, 4.0);
        assertThat(runs).hasValue(3);
    }

    @Test
    void fixedWorkIsOnePassAndAPassThatTakesNoTimeStops() {
        assertThat(RoundLength.repeated(0, seconds -> seconds, () -> 0.5)).containsExactly(0.5);
        assertThat(RoundLength.repeated(10, seconds -> seconds, () -> 0.0)).hasSize(RoundLength.MAX_PASSES);
    }
}
