package io.alluvium.flink.realtime.fraud;

import io.alluvium.flink.realtime.source.PaymentEvent;
import io.alluvium.flink.realtime.source.TopicSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A rule that reads each key's events one by one in event-time order, whatever order they arrive in:
 * each event waits in keyed state until the watermark passes its event time, then the events of that
 * instant are evaluated, ties broken by event_id. Fed with events in their partition's order (see
 * {@link TopicSource}), none arrives after the watermark passed it, so what a rule decides depends on the
 * log alone, not on restarts or on how fast the partitions were read.
 */
abstract class InEventTimeOrder extends KeyedProcessFunction<String, PaymentEvent, Alert> {
    private static final long serialVersionUID = 1L;
    private transient MapState<Long, List<PaymentEvent>> waiting;

    @Override
    public void open(OpenContext context) throws Exception {
        waiting = getRuntimeContext().getMapState(new MapStateDescriptor<>("waiting", Types.LONG,
                Types.LIST(TypeInformation.of(PaymentEvent.class))));
    }

    @Override
    public final void processElement(PaymentEvent event, Context ctx, Collector<Alert> out) throws Exception {
        List<PaymentEvent> atTs = waiting.get(event.eventTs);
        List<PaymentEvent> next = atTs == null ? new ArrayList<>() : new ArrayList<>(atTs);
        next.add(event);
        waiting.put(event.eventTs, next);
        ctx.timerService().registerEventTimeTimer(event.eventTs);
    }

    @Override
    public final void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        List<PaymentEvent> due = waiting.get(timestamp);
        if (due != null) {
            waiting.remove(timestamp);
            List<PaymentEvent> sorted = new ArrayList<>(due);
            sorted.sort(Comparator.comparing(PaymentEvent::eventId));
            for (PaymentEvent event : sorted) {
                evaluate(event, ctx, out);
            }
        }
        timeReached(timestamp);
    }

    /** The rule's step for the key's next event in event-time order. */
    abstract void evaluate(PaymentEvent event, Context ctx, Collector<Alert> out) throws Exception;

    /** Called at every event time this key registered a timer for, after its events: state may be dropped here. */
    void timeReached(long timestamp) throws Exception {
    }
}
