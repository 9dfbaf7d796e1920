package io.alluvium.flink.realtime.source;

import io.alluvium.flink.realtime.Tallies;
import io.alluvium.flink.realtime.Tally;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Dedup by event_id: the first event of an id passes, a later one with the same id (a producer's retry) is a
 * duplicate. An id is remembered, in checkpointed state, while the watermark is below its event time plus
 * {@code keep} ({@code realtime.dedup-retention}); a copy arriving after that counts as a new event. Each
 * distinct event goes to the main output and to one of the side outputs: in order or behind.
 *
 * <p>Keyed by a bucket of ids ({@link #bucketOf}, {@link #BUCKETS} of them) rather than by the id: each bucket
 * keeps its ids with their event times in one map, checked against the watermark on lookup, and forgets the
 * expired ones when an event comes to it once the watermark has moved {@code keep / }{@link
 * #SWEEPS_PER_RETENTION} past its last sweep (ids spread evenly over the buckets, so under any load each is
 * visited often; an idle stream keeps its last ids until it moves again). Keyed by the id itself, each id had
 * a state entry, a timer and the timer's dedup entry, all checkpointed; then a timer per bucket and sweep
 * (hundreds of thousands of timers, every one written in every checkpoint); now an id is one map entry and
 * a bucket has one more value, the watermark of its last sweep.
 */
final class FirstByEventId<T extends TimedEvent> extends KeyedProcessFunction<Integer, Checked<T>, T> {
    /** Many more buckets than key groups (128 by default), so they spread evenly over the subtasks. */
    static final int BUCKETS = 1 << 15;
    static final int SWEEPS_PER_RETENTION = 8;
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final long keepMillis;
    private final long sweepMillis;
    private final OutputTag<T> inOrder;
    private final OutputTag<T> behind;
    private transient MapState<String, Long> seen;
    private transient ValueState<Long> sweptAt;

    FirstByEventId(String topic, Duration keep, OutputTag<T> inOrder, OutputTag<T> behind) {
        this.topic = topic;
        this.keepMillis = keep.toMillis();
        this.sweepMillis = Math.max(1, keepMillis / SWEEPS_PER_RETENTION);
        this.inOrder = inOrder;
        this.behind = behind;
    }

    /** The bucket an event id is kept in: the key of this operator. */
    static int bucketOf(String eventId) {
        return Math.floorMod(eventId.hashCode(), BUCKETS);
    }

    @Override
    public void open(OpenContext context) {
        seen = getRuntimeContext().getMapState(new MapStateDescriptor<>("event-ids", EventIdSerializer.INSTANCE,
                LongSerializer.INSTANCE));
        sweptAt = getRuntimeContext().getState(new ValueStateDescriptor<>("swept-at", Types.LONG));
    }

    @Override
    public void processElement(Checked<T> checked, Context ctx, Collector<T> out) throws Exception {
        T event = checked.event;
        long watermark = ctx.timerService().currentWatermark();
        sweepIfDue(watermark);
        Long first = seen.get(event.eventId());
        if (first != null && remembered(first, watermark)) {
            ctx.output(Tallies.TAG, new Tally(topic, Tally.DUPLICATE));
            return;
        }
        seen.put(event.eventId(), event.eventTs());
        ctx.output(Tallies.TAG, new Tally(topic, Tally.VALID));
        ctx.output(checked.behind ? behind : inOrder, event);
        out.collect(event);
    }

    /** Whether an id first seen at {@code eventTs} is still remembered at {@code watermark}. */
    private boolean remembered(long eventTs, long watermark) {
        return watermark < eventTs + keepMillis;
    }

    /** Forgets this bucket's expired ids if the watermark has moved a sweep interval since its last sweep. */
    private void sweepIfDue(long watermark) throws Exception {
        if (watermark == Long.MIN_VALUE) {
            return;
        }
        Long last = sweptAt.value();
        if (last != null && watermark - last < sweepMillis) {
            return;
        }
        if (last != null) {
            for (Iterator<Map.Entry<String, Long>> ids = seen.iterator(); ids.hasNext(); ) {
                if (!remembered(ids.next().getValue(), watermark)) {
                    ids.remove();
                }
            }
        }
        sweptAt.update(watermark);
    }
}
