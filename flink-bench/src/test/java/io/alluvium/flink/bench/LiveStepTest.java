package io.alluvium.flink.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** A live step is sustained only when it is fresh and not overloaded; the highest such step is the one reported. */
class LiveStepTest {
    private static final OverloadWatch.Overload LAG = new OverloadWatch.Overload(OverloadWatch.Cause.LAG_GROWING,
            "lag growing: the records waiting in Kafka rose from 10 to 90,000 over 15 s (lowest of each 5 s)");

    private static LiveStep step(long rate, long p99Millis, Optional<OverloadWatch.Overload> overload) {
        return new LiveStep("live at " + rate + "/s", rate, rate * 30, 30, List.of(100L, p99Millis), 5,
                overload.isPresent() ? OptionalDouble.empty() : OptionalDouble.of(0.5), overload, Optional.empty());
    }

    @Test
    void anOverloadedStepIsNotSustainedEvenWhenItsProbesWereFresh() {
        LiveStep overloaded = step(30_000, 400, Optional.of(LAG));
        assertThat(overloaded.sustained()).isFalse();
        assertThat(overloaded.shownName()).isEqualTo("live at 30000/s: OVERLOADED");
        assertThat(overloaded.summary()).contains("OVERLOADED (lag growing: the records waiting in Kafka rose")
                .contains("not all counted when the bench stopped waiting");
        assertThat(step(10_000, 1_000, Optional.empty()).sustained()).isTrue();
        assertThat(step(10_000, 1_001, Optional.empty()).sustained()).as("p99 over a second").isFalse();
    }

    @Test
    void theHighestSustainedStepIsTheHighestFreshOneNotOverloaded() {
        LivePhase.Result result = new LivePhase.Result(List.of(step(10_000, 300, Optional.empty()),
                step(20_000, 900, Optional.empty()), step(30_000, 200, Optional.of(LAG))), Optional.empty(), List.of());
        assertThat(result.highestSustained()).map(LiveStep::targetRate).contains(20_000L);
        assertThat(new LivePhase.Result(List.of(step(10_000, 3_000, Optional.empty())), Optional.empty(), List.of())
                .highestSustained()).isEmpty();
    }

    @Test
    void aStepTellsWhatEachEventCostTheMachineAndTheRateItsCoresCouldCarry() {
        // 600,000 events; 30 s until all counted, 57 CPU seconds on the machine, 42 of them in this JVM
        LiveStep step = new LiveStep("live at 20,000/s", 20_000, 600_000, 30, List.of(100L, 300L), 5,
                OptionalDouble.of(0.4), Optional.empty(), Optional.of(new CpuMeter.Use(30, 57, 42, 2)));
        assertThat(step.achievedRate()).isEqualTo(20_000.0);
        // 57 s / 600,000 = 95 µs; 42 s / 600,000 = 70 µs; the rest 25 µs; 2 cores / 95 µs = 21,053 events/s
        assertThat(step.summary()).contains("1.90 of 2 cores busy, 95 µs per event")
                .contains("the job, the sender, their GC, 70 µs").contains("redis-server, 25 µs")
                .contains("the 2 cores carry at most 21,053 events/s");
    }
}
