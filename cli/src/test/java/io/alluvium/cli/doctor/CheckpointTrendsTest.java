package io.alluvium.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.alluvium.cli.doctor.CheckpointTrends.Checkpoint;
import io.alluvium.doctor.Finding;
import io.alluvium.domain.StreamJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The doctor's reading of a checkpoint history (docs/doctor.md#streaming) on histories made to show one trouble
 * each: a failed checkpoint, checkpoints that take most of their interval, durations and state that double; and a
 * steady history that shows none.
 */
class CheckpointTrendsTest {
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    @Test
    void aSteadyJobHasNoFinding() {
        assertThat(check(history(60, i -> 400, i -> 2L << 20))).isEmpty();
        assertThat(check(List.of())).isEmpty();
    }

    @Test
    void aFailedCheckpointIsAWarning() {
        List<Checkpoint> history = new ArrayList<>(history(10, i -> 400, i -> 1L << 20));
        history.add(new Checkpoint(11, false, 600_000, 0));
        Finding f = only(check(history), "checkpoint-failures");
        assertThat(f.evidence()).isEqualTo("1 of the newest 11 checkpoints failed");
        assertThat(f.subject()).isEqualTo("realtime job");
        assertThat(f.fix()).isEqualTo("see logs/realtime.log in the data directory");
    }

    @Test
    void checkpointsThatTakeMostOfTheirIntervalAreAWarning() {
        Finding f = only(check(history(20, i -> 3_000, i -> 1L << 20)), "checkpoint-duration");
        assertThat(f.evidence()).isEqualTo("the newest 20 checkpoints took 3.0 s (median), 60% of"
                + " realtime.checkpoint-interval (5.0 s)");
        assertThat(check(history(20, i -> 2_400, i -> 1L << 20))).as("48%: under the threshold").isEmpty();
    }

    @Test
    void durationsAndStateThatDoubleAreWarnings() {
        List<Finding> found = check(history(60, i -> i < 20 ? 500 : 1_200, i -> i < 20 ? 8L << 20 : 24L << 20));
        assertThat(found).extracting(Finding::check).containsExactlyInAnyOrder("checkpoint-duration-growth",
                "state-growth");
        assertThat(only(found, "state-growth").evidence()).isEqualTo("median state 8.0 MiB over the oldest 20 recorded"
                + " checkpoints, 24.0 MiB over the newest 20 (x3.0)");
        assertThat(only(found, "state-growth").fix()).isEqualTo("lower the retention");
        assertThat(only(found, "checkpoint-duration-growth").evidence()).isEqualTo("median duration 0.5 s over the"
                + " oldest 20 recorded checkpoints, 1.2 s over the newest 20 (x2.4)");
        assertThat(check(history(60, i -> i < 20 ? 100 : 900, i -> i < 20 ? 1L << 20 : 9L << 20)))
                .as("doubled, but under 1 s and 10 MiB: too small to matter").isEmpty();
        assertThat(check(history(39, i -> i < 20 ? 500 : 1_200, i -> i < 20 ? 8L << 20 : 24L << 20)))
                .as("fewer than two windows: no trend yet").isEmpty();
    }

    private interface Measure {
        long at(int i);
    }

    private static List<Checkpoint> history(int n, Measure durationMs, Measure bytes) {
        List<Checkpoint> history = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            history.add(new Checkpoint(i + 1, true, durationMs.at(i), bytes.at(i)));
        }
        return history;
    }

    private static List<Finding> check(List<Checkpoint> history) {
        return CheckpointTrends.check(StreamJob.REALTIME, history, INTERVAL, "realtime.checkpoint-interval",
                "lower the retention");
    }

    private static Finding only(List<Finding> found, String check) {
        List<Finding> matching = found.stream().filter(f -> f.check().equals(check)).toList();
        assertThat(matching).as(found.toString()).hasSize(1);
        return matching.get(0);
    }
}
