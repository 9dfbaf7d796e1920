package io.alluvium.flink.realtime.views;

import io.alluvium.domain.ServingKeys;
import io.alluvium.flink.realtime.HeldOutput;
import io.alluvium.flink.realtime.serving.ServingWrite;
import io.alluvium.flink.realtime.source.CityEvent;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.InstantiationUtil;
import org.apache.flink.util.OutputTag;

/**
 * One (city, UTC hour) window of a per-city view ({@link CityViews}), keyed by that pair: the hour's totals,
 * each of its minutes' totals, and the members it counts distinct (a paid order's buyer) with the minutes
 * they are in (a bit per minute), each in a state entry of its own. An event reads and writes the entries
 * it changes and nothing else: on RocksDB a window held as one object was read and written whole on every
 * event, its buyers included. The hashes changed (the hour and its minutes) are sent at most once per
 * {@code realtime.flush-interval} and before every checkpoint barrier ({@link HeldOutput}), not per event.
 *
 * <p>Event time as Flink's windows have it: an event whose hour ended {@code allowedLateness} or more before
 * the watermark ({@code end − 1 + lateness ≤ watermark}) is too late and goes to {@code tooLate}; a window's
 * state is dropped when the watermark reaches that point (one event-time timer per window).
 *
 * @param <E> the events
 * @param <S> the totals of a window
 */
final class CityHourWindow<E extends CityEvent, S extends CityTotals<E>> extends HeldOutput<E, ServingWrite>
        implements Triggerable<Tuple2<String, Long>, VoidNamespace> {
    private static final long serialVersionUID = 1L;
    private static final long HOUR_MS = Grain.HOUR.size.toMillis();
    private static final long MINUTE_MS = Grain.MINUTE.size.toMillis();

    /** A window held for sending: its grain, city and start. */
    private record Held(Grain grain, String city, long start) {
    }

    private final CityViews.View view;
    private final Class<S> totalsClass;
    private final long latenessMillis;
    private final OutputTag<E> tooLate;
    private final boolean listsCities;

    private transient ValueState<S> hour;
    private transient MapState<Long, S> minutes;
    /** Member → the minutes of the hour it is in (bit n: minute n). */
    private transient MapState<String, Long> members;
    private transient InternalTimerService<VoidNamespace> hourEnds;
    private transient Map<Held, S> held;
    private transient Set<String> newCities;

    /**
     * @param listsCities adds the city of every new window to {@code realtime:cities} (after its hashes), which
     *     readers take as the cities that have keys of this view
     */
    CityHourWindow(CityViews.View view, Class<S> totalsClass, long latenessMillis, OutputTag<E> tooLate,
            boolean listsCities, long flushMillis) {
        super(flushMillis);
        this.view = view;
        this.totalsClass = totalsClass;
        this.latenessMillis = latenessMillis;
        this.tooLate = tooLate;
        this.listsCities = listsCities;
    }

    /** The key of an event's window: its city and the start of its UTC hour. */
    static <E extends CityEvent> Tuple2<String, Long> windowOf(E event) {
        return Tuple2.of(event.city(), Grain.HOUR.startOf(event.eventTs()));
    }

    static TypeInformation<Tuple2<String, Long>> keyType() {
        return Types.TUPLE(Types.STRING, Types.LONG);
    }

    @Override
    public void open() throws Exception {
        super.open();
        TypeInformation<S> totalsType = TypeInformation.of(totalsClass);
        hour = getKeyedStateStore().getState(new ValueStateDescriptor<>("hour", totalsType));
        minutes = getKeyedStateStore().getMapState(new MapStateDescriptor<>("minutes", Types.LONG, totalsType));
        members = getKeyedStateStore().getMapState(new MapStateDescriptor<>("members", Types.STRING, Types.LONG));
        hourEnds = getInternalTimerService("hour-ends", VoidNamespaceSerializer.INSTANCE, this);
        held = new LinkedHashMap<>();
        newCities = new LinkedHashSet<>();
    }

    @Override
    protected void hold(E event) throws Exception {
        long hourStart = Grain.HOUR.startOf(event.eventTs());
        long dropAt = hourStart + HOUR_MS - 1 + latenessMillis;
        if (dropAt <= hourEnds.currentWatermark()) {
            output.collect(tooLate, new StreamRecord<>(event, event.eventTs()));
            return;
        }
        S hourTotals = hour.value();
        if (hourTotals == null) {
            hourTotals = InstantiationUtil.instantiate(totalsClass);
            hourEnds.registerEventTimeTimer(VoidNamespace.INSTANCE, dropAt);
            if (listsCities) {
                newCities.add(event.city());
            }
        }
        long minuteStart = Grain.MINUTE.startOf(event.eventTs());
        S minuteTotals = minutes.get(minuteStart);
        if (minuteTotals == null) {
            minuteTotals = InstantiationUtil.instantiate(totalsClass);
        }
        boolean newInHour = false;
        boolean newInMinute = false;
        String member = hourTotals.distinctMember(event);
        if (member != null) {
            Long inMinutes = members.get(member);
            long minuteBit = 1L << ((minuteStart - hourStart) / MINUTE_MS);
            newInHour = inMinutes == null;
            long known = newInHour ? 0L : inMinutes;
            newInMinute = (known & minuteBit) == 0;
            if (newInMinute) {
                members.put(member, known | minuteBit);
            }
        }
        hourTotals.add(event, newInHour);
        minuteTotals.add(event, newInMinute);
        hour.update(hourTotals);
        minutes.put(minuteStart, minuteTotals);
        held.put(new Held(Grain.HOUR, event.city(), hourStart), hourTotals);
        held.put(new Held(Grain.MINUTE, event.city(), minuteStart), minuteTotals);
    }

    /**
     * The hashes changed since the last send, whole. The totals held are the objects last written to state
     * (on the heap, the state's own: a copy-on-write snapshot copies one before it is changed again, and
     * everything held is sent before each barrier), so what is sent is the newest.
     */
    @Override
    protected void sendHeld() {
        held.forEach((window, totals) -> send(window.grain().write(view, window.city(), window.start(), totals)));
        held.clear();
        newCities.forEach(city -> send(ServingWrite.setMember(ServingKeys.CITIES, city)));
        newCities.clear();
    }

    /** The watermark passed the window's end plus the lateness: its state goes; later events are too late. */
    @Override
    public void onEventTime(InternalTimer<Tuple2<String, Long>, VoidNamespace> timer) {
        hour.clear();
        minutes.clear();
        members.clear();
    }

    /** No processing-time timers of this kind are registered (the sends are {@link HeldOutput}'s). */
    @Override
    public void onProcessingTime(InternalTimer<Tuple2<String, Long>, VoidNamespace> timer) {
        throw new IllegalStateException("unexpected processing-time timer " + timer);
    }
}
