package io.alluvium.flink;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sends an event to the too-late output when its tumbling window is closed (the watermark has passed the
 * window's end plus the allowed lateness), exactly as Flink's window operator would — but also right after
 * a restart. Flink does not checkpoint watermarks: a restored job starts at the lowest watermark, and a
 * window operator alone would then take an event for a window it purged before the crash, open that
 * window anew and write a hash holding that one event over the full one in the serving store. So this
 * guard keeps, per key in checkpointed state, the horizon it knows to be closed: the highest watermark it
 * saw with an event, and the cleanup time of every window it let an event into (an event-time timer, which
 * fires when the window operator purges that window). An event is too late when its window's cleanup time
 * is at or below the current watermark or that horizon; before a restart the horizon never exceeds the
 * watermark, so the guard changes nothing there.
 *
 * @param <T> the events, keyed as the windows after it are
 */
final class ClosedWindowGuard<T extends TimedEvent> extends KeyedProcessFunction<String, T, T> {
    private static final long serialVersionUID = 1L;
    private final long windowMillis;
    private final long latenessMillis;
    private final OutputTag<T> tooLate;
    private transient ValueState<Long> horizon;

    ClosedWindowGuard(Duration window, Duration allowedLateness, OutputTag<T> tooLate) {
        this.windowMillis = window.toMillis();
        this.latenessMillis = allowedLateness.toMillis();
        this.tooLate = tooLate;
    }

    @Override
    public void open(OpenContext context) {
        horizon = getRuntimeContext().getState(new ValueStateDescriptor<>("closed-horizon", Long.class));
    }

    @Override
    public void processElement(T event, Context ctx, Collector<T> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        long known = raise(watermark);
        long cleanup = cleanupTime(event.eventTs());
        if (cleanup <= known) {
            ctx.output(tooLate, event);
        } else {
            ctx.timerService().registerEventTimeTimer(cleanup);
            out.collect(event);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<T> out) throws Exception {
        raise(timestamp);
    }

    /** The last millisecond of the event's window plus the allowed lateness, as Flink's window operator counts. */
    long cleanupTime(long eventTs) {
        long start = eventTs - Math.floorMod(eventTs, windowMillis);
        return start + windowMillis - 1 + latenessMillis;
    }

    private long raise(long to) throws Exception {
        Long known = horizon.value();
        if (known == null || to > known) {
            horizon.update(to);
            return to;
        }
        return known;
    }
}
