package io.alluvium.flink.realtime.views;

import io.alluvium.domain.ServingKeys;
import io.alluvium.domain.Topic;
import io.alluvium.flink.realtime.Tallies;
import io.alluvium.flink.realtime.TooLate;
import io.alluvium.flink.realtime.serving.ServingWrite;
import io.alluvium.flink.realtime.serving.StoreWrites;
import io.alluvium.flink.realtime.source.CityEvent;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * The per-city views of one topic's distinct events (orders → {@code city_hour}/{@code city_minute},
 * clickstream → {@code funnel_hour}/{@code funnel_minute}): an event-time window per city and UTC hour with
 * {@code realtime.window-allowed-lateness} ({@link CityHourWindow}), holding its hour's totals and its
 * minutes'; the hashes an event changed are written whole, as absolute values, within
 * {@code realtime.flush-interval}. A window's state is dropped once the watermark passes its end plus the
 * allowed lateness; an event for a dropped window is too late ({@link TooLate}). Every city with sales is
 * added to {@code realtime:cities}.
 *
 * <p>Why minutes inside the hours rather than minute windows of their own: minutes then take exactly the
 * events their hour takes, so they add up to it in every run. Minute windows with a shorter lateness (to keep
 * less state) made a late event's fate depend on how far the source had read one partition ahead of another
 * (the watermark is the lowest partition's): a run that crashed and caught up and one that did not differed in
 * their minutes (RealtimeCrashTest). The cost: each hour window keeps its minutes' totals (for orders, the
 * minutes each buyer is in) as long as the hour — less than the dedup state's event ids, and no window, trigger
 * state or timer per minute.
 */
public final class CityViews {
    public static final View SALES = new View("city", ServingKeys.CITY_HOUR_PREFIX, ServingKeys.CITY_MINUTE_PREFIX);
    public static final View FUNNEL = new View("funnel", ServingKeys.FUNNEL_HOUR_PREFIX, ServingKeys.FUNNEL_MINUTE_PREFIX);

    /**
     * A view: its name, of which its operators' names and uids are made ({@code city-hours}, {@code funnel-too-late},
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
    private final Duration flushInterval;
    private final Tallies tallies;

    public CityViews(Duration allowedLateness, Duration flushInterval, Tallies tallies) {
        this.allowedLateness = allowedLateness;
        this.flushInterval = flushInterval;
        this.tallies = tallies;
    }

    /**
     * Writes {@code view} ({@link #SALES}, {@link #FUNNEL}) per hour and minute, each window's totals of type
     * {@code totals}, and the events too late for their hour.
     */
    public <E extends CityEvent, S extends CityTotals<E>> void of(DataStream<E> events, Topic topic, View view,
            Class<S> totals, StoreWrites store) {
        OutputTag<E> late = new OutputTag<>("too-late", events.getType());
        SingleOutputStreamOperator<ServingWrite> hours = events
                .keyBy(CityHourWindow::windowOf, CityHourWindow.keyType())
                .transform(view + " per hour and minute", TypeInformation.of(ServingWrite.class),
                        new CityHourWindow<>(view, totals, allowedLateness.toMillis(), late, view.equals(SALES),
                                flushInterval.toMillis()))
                .uid(view + "-hours");
        SingleOutputStreamOperator<ServingWrite> tooLate = hours.getSideOutput(late)
                .process(new TooLate<E>(topic.topicName())).returns(ServingWrite.class)
                .name(view + " too late").uid(view + "-too-late");
        tallies.add(tooLate.getSideOutput(Tallies.TAG));
        store.add(hours, view + "-hours");
        store.add(tooLate, view + "-too-late");
    }
}
