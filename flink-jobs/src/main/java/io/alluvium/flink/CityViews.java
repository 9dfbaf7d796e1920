package io.alluvium.flink;

import io.alluvium.domain.ServingKeys;
import io.alluvium.domain.Topic;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.triggers.CountTrigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.InstantiationUtil;
import org.apache.flink.util.OutputTag;

/**
 * The per-city views of one topic's distinct events (orders → {@code city_hour}/{@code city_minute},
 * clickstream → {@code funnel_hour}/{@code funnel_minute}): tumbling event-time hour windows per city with
 * {@code realtime.window-allowed-lateness}, each holding its hour's totals and its minutes' ({@link
 * HourOfMinutes}), fired on every event (CountTrigger of 1): the hour's whole hash and the event's minute's
 * are written, as absolute values, so the store is current within the sink's flush delay. A window's state
 * is dropped once the watermark passes its end plus the allowed lateness; an event for a dropped window is
 * too late ({@link TooLate}). Every city with sales is added once to {@code realtime:cities}.
 *
 * <p>Why minutes inside the hours rather than minute windows of their own: minutes then take exactly the
 * events their hour takes, so they add up to it in every run. Minute windows with a shorter lateness (to keep
 * less state) made a late event's fate depend on how far the source had read one partition ahead of another
 * (the watermark is the lowest partition's): a run that crashed and caught up and one that did not differed in
 * their minutes (RealtimeCrashTest). The cost: each hour window keeps its minutes' totals (for orders, the
 * buyers of each minute) as long as the hour — less than the dedup state's event ids, and no window, trigger
 * state or timer per minute.
 */
final class CityViews {
    static final View SALES = new View("city", ServingKeys.CITY_HOUR_PREFIX, ServingKeys.CITY_MINUTE_PREFIX);
    static final View FUNNEL = new View("funnel", ServingKeys.FUNNEL_HOUR_PREFIX, ServingKeys.FUNNEL_MINUTE_PREFIX);

    /**
     * A view: its name, of which its operators' names and uids are made ({@code city-hour}, {@code funnel-too-late},
     * through {@code toString}; a checkpoint is restored by those uids, so the name never changes), and the prefixes
     * of its keys per hour and per minute, from {@link ServingKeys}.
     */
    record View(String name, String hourPrefix, String minutePrefix) implements Serializable {
        @Override
        public String toString() {
            return name;
        }
    }

    private final Duration allowedLateness;
    private final Tallies tallies;

    CityViews(Duration allowedLateness, Tallies tallies) {
        this.allowedLateness = allowedLateness;
        this.tallies = tallies;
    }

    /**
     * Writes {@code view} ({@link #SALES}, {@link #FUNNEL}) per hour and minute, each window's totals of type
     * {@code totals}, and the events too late for their hour.
     */
    <E extends CityEvent, S extends CityTotals<E, S>> void of(DataStream<E> events, Topic topic, View view,
            Class<S> totals, StoreWrites store) {
        OutputTag<E> late = new OutputTag<>("too-late", events.getType());
        TypeInformation<HourOfMinutes<S>> hourType = HourOfMinutes.typeOf(totals);
        SingleOutputStreamOperator<ServingWrite> hours = events
                .keyBy(CityEvent::city)
                .window(TumblingEventTimeWindows.of(Grain.HOUR.size))
                .allowedLateness(allowedLateness)
                .trigger(CountTrigger.of(1))
                .sideOutputLateData(late)
                .aggregate(new Accumulate<>(totals), new ToWrites<>(view, view.equals(SALES)), hourType, hourType,
                        TypeInformation.of(ServingWrite.class))
                .name(view + " per hour and minute").uid(view + "-hour");
        SingleOutputStreamOperator<ServingWrite> tooLate = hours.getSideOutput(late)
                .process(new TooLate<E>(topic.topicName())).returns(ServingWrite.class)
                .name(view + " too late").uid(view + "-too-late");
        tallies.add(tooLate.getSideOutput(Tallies.TAG));
        store.add(hours, view + "-hour");
        store.add(tooLate, view + "-too-late");
    }

    /** Adds each event to its hour's totals and to its minute's. */
    private static final class Accumulate<E extends TimedEvent, S extends CityTotals<E, S>>
            implements AggregateFunction<E, HourOfMinutes<S>, HourOfMinutes<S>> {
        private static final long serialVersionUID = 1L;
        private final Class<S> totals;

        Accumulate(Class<S> totals) {
            this.totals = totals;
        }

        @Override
        public HourOfMinutes<S> createAccumulator() {
            HourOfMinutes<S> hour = new HourOfMinutes<>();
            hour.hour = InstantiationUtil.instantiate(totals);
            return hour;
        }

        @Override
        public HourOfMinutes<S> add(E event, HourOfMinutes<S> hour) {
            hour.hour.add(event);
            hour.lastMinute = Grain.MINUTE.startOf(event.eventTs());
            hour.minutes.computeIfAbsent(hour.lastMinute, m -> InstantiationUtil.instantiate(totals)).add(event);
            return hour;
        }

        @Override
        public HourOfMinutes<S> getResult(HourOfMinutes<S> hour) {
            return hour;
        }

        @Override
        public HourOfMinutes<S> merge(HourOfMinutes<S> a, HourOfMinutes<S> b) {
            a.hour.merge(b.hour);
            b.minutes.forEach((minute, s) -> a.minutes.merge(minute, s, CityTotals::merge));
            return a;
        }
    }

    /**
     * After each event: the whole hash of its (city, hour) and of its (city, minute); for the sales view, the
     * first time a city is seen (a flag in keyed state), also adds it to {@code realtime:cities}, which readers
     * take as the cities that have {@code city_hour} keys.
     */
    private static final class ToWrites<S extends CityTotals<?, S>>
            extends ProcessWindowFunction<HourOfMinutes<S>, ServingWrite, String, TimeWindow> {
        private static final long serialVersionUID = 1L;
        private static final ValueStateDescriptor<Boolean> LISTED =
                new ValueStateDescriptor<>("city-listed", Boolean.class);
        private final View view;
        private final boolean listsCities;

        ToWrites(View view, boolean listsCities) {
            this.view = view;
            this.listsCities = listsCities;
        }

        @Override
        public void process(String city, Context ctx, Iterable<HourOfMinutes<S>> hours, Collector<ServingWrite> out)
                throws Exception {
            HourOfMinutes<S> hour = hours.iterator().next();
            out.collect(Grain.HOUR.write(view, city, ctx.window().getStart(), hour.hour));
            out.collect(Grain.MINUTE.write(view, city, hour.lastMinute, hour.minutes.get(hour.lastMinute)));
            if (!listsCities) {
                return;
            }
            ValueState<Boolean> listed = ctx.globalState().getState(LISTED);
            if (listed.value() == null) {
                listed.update(true);
                out.collect(ServingWrite.setMember(ServingKeys.CITIES, city));
            }
        }
    }
}
