package io.alluvium.flink.realtime.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.Test;

/**
 * The per-partition generator's idleness at its edges, on Flink's {@link ManualClock} for the
 * input-activity clock and a settable wall clock for Kafka timestamps (the job-level proof is
 * {@code IdlePartitionTest}): idle only after a caught-up read and the timeout of silence.
 */
class EventTimeBehindMaxTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long NOW = 1_800_000_000_000L;

    private final ManualClock activity = new ManualClock();
    private final AtomicLong wall = new AtomicLong(NOW);
    private final Recorded out = new Recorded();
    private final EventTimeBehindMax<String> generator =
            new EventTimeBehindMax<>(Duration.ofMinutes(5), TIMEOUT, activity, wall::get);

    @Test
    void silenceAfterACaughtUpReadIsIdleAfterTheTimeout() {
        read(NOW - 100, 1_000_000);
        silence(TIMEOUT.minusMillis(1));
        assertThat(out.calls).doesNotContain("idle");
        silence(Duration.ofMillis(1));
        assertThat(out.calls).containsOnlyOnce("idle");
        silence(TIMEOUT);
        assertThat(out.calls).containsOnlyOnce("idle");
    }

    @Test
    void silenceAfterAnOldRecordIsNeverIdle() {
        read(NOW - TIMEOUT.toMillis() - 1, 1_000_000);
        silence(Duration.ofHours(1));
        assertThat(out.calls).doesNotContain("idle");
    }

    @Test
    void aRecordWithoutKafkaTimestampDoesNotCountAsCaughtUp() {
        read(-1, 1_000_000);
        silence(Duration.ofHours(1));
        assertThat(out.calls).doesNotContain("idle");
    }

    @Test
    void aRejectedRecordCountsForIdlenessButNotForTheWatermark() {
        read(NOW - 1_000, 1_000_000);
        silence(TIMEOUT.minusSeconds(1));
        Checked<String> rejected = Checked.rejected("bad_json");
        rejected.kafkaTimestamp = NOW - TIMEOUT.toMillis() - 5_000; // an old one: a backlog
        generator.onEvent(rejected, Long.MIN_VALUE, out);
        silence(Duration.ofHours(1));
        assertThat(out.calls).doesNotContain("idle");
        assertThat(out.watermarks).containsExactly(1_000_000 - Duration.ofMinutes(5).toMillis() - 1);
    }

    @Test
    void aGeneratorThatNeverSawARecordIsIdleAfterTheTimeout() {
        silence(TIMEOUT);
        assertThat(out.calls).containsExactly("idle");
    }

    @Test
    void aRecordAfterIdlenessMakesThePartitionActiveAgain() {
        read(NOW - 10, 1_000_000);
        silence(TIMEOUT);
        read(wall.get() - 10, 500_000); // below its highest: the watermark does not move, the partition is active
        assertThat(out.calls).containsSubsequence("idle", "active");
        silence(TIMEOUT.minusMillis(1));
        assertThat(out.calls).containsOnlyOnce("idle");
    }

    private void read(long kafkaTimestamp, long eventTs) {
        Checked<String> record = Checked.valid("e");
        record.kafkaTimestamp = kafkaTimestamp;
        generator.onEvent(record, eventTs, out);
    }

    /** Lets this much time pass on both clocks, with Flink's periodic emits every 200 ms. */
    private void silence(Duration duration) {
        long left = duration.toMillis();
        while (left > 0) {
            long step = Math.min(200, left);
            activity.advanceTime(step, TimeUnit.MILLISECONDS);
            wall.addAndGet(step);
            left -= step;
            generator.onPeriodicEmit(out);
        }
    }

    private static final class Recorded implements WatermarkOutput {
        final List<String> calls = new ArrayList<>();
        final List<Long> watermarks = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark watermark) {
            calls.add("watermark");
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
            calls.add("idle");
        }

        @Override
        public void markActive() {
            calls.add("active");
        }
    }
}
