package io.alluvium.flink;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermark = highest event time seen − {@code realtime.watermark-delay}, emitted as soon as it moves.
 * Used in the Kafka source, it runs once per partition and the source emits the lowest of them: a
 * partition read ahead during a catch-up cannot make another partition's events late, and which events
 * are too late depends on each partition's order alone. Records without an event time (rejected ones,
 * timestamp {@link Long#MIN_VALUE}) do not move it.
 */
final class EventTimeBehindMax<T> implements WatermarkGenerator<T> {
    private final long delayMillis;
    private long emitted = Long.MIN_VALUE;

    EventTimeBehindMax(Duration delay) {
        this.delayMillis = delay.toMillis();
    }

    @Override
    public void onEvent(T event, long timestamp, WatermarkOutput output) {
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
        // emitted on events
    }
}
