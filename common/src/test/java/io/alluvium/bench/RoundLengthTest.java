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

    @Test
    void calibrationGoesOnUntilAWarmRoundLastsTenSeconds() {
        // a job that runs 200,000 records cold in 14.6 s, then 40,000/s, and 50,000/s above 300,000 records
        List<Long> asked = new java.util.ArrayList<>();
        long units = RoundLength.calibrated(200_000, amount -> {
            asked.add(amount);
            double rate = asked.size() == 1 ? 200_000 / 14.6 : amount > 300_000 ? 50_000 : 40_000;
            return new RoundLength.Calibration(amount, amount / rate);
        });
        // cold: sized 200,000 / 14.6 s × 15 s = 205,480; warm: 205,480 / 5.137 s × 15 s = 600,000, which lasts 12 s,
        // so rounds get 15 s at its rate: 750,000
        assertThat(asked).hasSize(3);
        assertThat(asked.subList(0, 2)).containsExactly(200_000L, 205_480L);
        assertThat(asked.get(2)).isCloseTo(600_000L, org.assertj.core.data.Offset.offset(2L));
        assertThat(units).isCloseTo(750_000L, org.assertj.core.data.Offset.offset(3L));
    }

    @Test
    void aColdRoundNeverEndsCalibrationAndTheLastRoundSizesTheWorkAfterTheMost() {
        List<Long> asked = new java.util.ArrayList<>();
        // every round lasts 12 s, but the first is cold: the second ends it, and its rate sizes 15 s
        assertThat(RoundLength.calibrated(1_000, amount -> {
            asked.add(amount);
            return new RoundLength.Calibration(amount, 12);
        })).isEqualTo(1_563);
        assertThat(asked).containsExactly(1_000L, 1_250L);
        // a bench that tops up does more than asked; a round that never lasts 10 s stops after the most rounds
        List<Long> short_ = new java.util.ArrayList<>();
        long sized = RoundLength.calibrated(100, amount -> {
            short_.add(amount);
            return new RoundLength.Calibration(amount + 1, 1.0);
        });
        assertThat(short_).hasSize(RoundLength.MAX_CALIBRATIONS);
        assertThat(sized).isEqualTo(RoundLength.sized(short_.get(short_.size() - 1) + 1, 1.0));
    }
}
