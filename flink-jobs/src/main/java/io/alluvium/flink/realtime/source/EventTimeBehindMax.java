package io.alluvium.flink.realtime.source;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.RelativeClock;

/**
 * Watermark = highest event time seen − {@code realtime.watermark-delay}, emitted as soon as it moves.
 * Used in the Kafka source, it runs once per partition and the source emits the lowest of them: a
 * partition read ahead during a catch-up cannot make another partition's events late, and which events
 * are too late depends on each partition's order alone. Records without an event time (rejected ones,
 * timestamp {@link Long#MIN_VALUE}) do not move it.
 *
 * <p>Idleness follows the log as far as a reader can tell: a partition stops holding the watermark back
 * only once it is caught up — its last record (valid or rejected) was read within the idle timeout of its
 * Kafka timestamp ({@link Checked#kafkaTimestamp}: the producer's or the broker's append time) — and has
 * then delivered nothing for the idle timeout. Silence after an older record means the reader is going
 * through a backlog and is slow (a starved machine, a slow fetch), not that the partition has no data:
 * such a partition is never idle, whatever the clocks say, and holds the watermark back until its next
 * record. (Flink's {@code withIdleness} looks at the silence alone: under heavy load a partition with a
 * backlog went idle, the others pushed the watermark days ahead and its events became too late.) A
 * generator that has never seen a record — in Flink 2.1 only the source's main output, since a split's own
 * output is created with its first record — is idle after the timeout, as Flink's. Silence is measured on
 * Flink's input-activity clock, which stands still while the source is back-pressured.
 */
final class EventTimeBehindMax<T> implements WatermarkGenerator<Checked<T>> {
    private final long delayMillis;
    private final long idleMillis;
    private final RelativeClock activityClock;
    private final LongSupplier wallClock;
    private long emitted = Long.MIN_VALUE;
    private boolean delivered;
    private boolean caughtUp;
    private long lastRecordNanos;
    private boolean idle;

    /**
     * @param idleTimeout   {@code realtime.idle-partition-timeout}: how recent the last record must have been
     *                      when read, and how long the silence after it, for the partition to be idle
     * @param activityClock Flink's input-activity clock of this partition (paused under back-pressure)
     * @param wallClock     epoch milliseconds, the clock Kafka timestamps are in
     */
    EventTimeBehindMax(Duration delay, Duration idleTimeout, RelativeClock activityClock, LongSupplier wallClock) {
        this.delayMillis = delay.toMillis();
        this.idleMillis = idleTimeout.toMillis();
        this.activityClock = activityClock;
        this.wallClock = wallClock;
        this.lastRecordNanos = activityClock.relativeTimeNanos();
    }

    @Override
    public void onEvent(Checked<T> record, long timestamp, WatermarkOutput output) {
        delivered = true;
        lastRecordNanos = activityClock.relativeTimeNanos();
        // a record without a Kafka timestamp (negative) tells nothing: not caught up
        caughtUp = record.kafkaTimestamp >= 0 && wallClock.getAsLong() - record.kafkaTimestamp <= idleMillis;
        if (idle) {
            idle = false;
            output.markActive();
        }
        if (timestamp == Long.MIN_VALUE) {
            return;
        }
        long candidate = timestamp - delayMillis - 1;
        if (candidate > emitted) {
            emitted = candidate;
            output.emitWatermark(new Watermark(candidate));
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (idle || (delivered && !caughtUp)) {
            return;
        }
        if (activityClock.relativeTimeNanos() - lastRecordNanos >= idleMillis * 1_000_000L) {
            idle = true;
            output.markIdle();
        }
    }
}
