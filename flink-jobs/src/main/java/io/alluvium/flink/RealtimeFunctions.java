package io.alluvium.flink;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The steps of the realtime dataflow ({@link RealtimePipeline}), each a small function: validation,
 * dedup by event_id, watermarks, the (city, hour) aggregate, and the tally of what was set aside.
 * What is set aside (rejected, duplicate, too late) goes to {@link #TALLY} as a name to count, never
 * silently dropped.
 */
final class RealtimeFunctions {
    /** Names of set-aside events, counted in {@code realtime:orders:counts}. */
    static final OutputTag<String> TALLY = new OutputTag<>("tally") {
        private static final long serialVersionUID = 1L;
    };
    static final String COUNTS_KEY = "realtime:orders:counts";
    static final String TOO_LATE_KEY = "realtime:orders:too_late";
    static final String VALID = "valid";
    static final String DUPLICATE = "duplicate";
    static final String TOO_LATE = "too_late";
    static final String REJECTED = "rejected:";

    private RealtimeFunctions() {
    }

    /** Valid events on the main output; a rejected record's reason code to {@link #TALLY}. */
    static final class Validate extends ProcessFunction<byte[], OrderEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processElement(byte[] payload, Context ctx, Collector<OrderEvent> out) {
            OrderValidation.Verdict verdict = OrderValidation.validate(payload);
            if (verdict.event() != null) {
                out.collect(verdict.event());
            } else {
                ctx.output(TALLY, REJECTED + verdict.reason());
            }
        }
    }

    /**
     * Keyed by event_id: the first event passes, a later one with the same id (a producer's retry) is a
     * duplicate. The ids seen are kept in checkpointed state, so a restart still knows them.
     */
    static final class FirstByEventId extends KeyedProcessFunction<String, OrderEvent, OrderEvent> {
        private static final long serialVersionUID = 1L;
        private transient ValueState<Boolean> seen;

        @Override
        public void open(OpenContext context) {
            seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Boolean.class));
        }

        @Override
        public void processElement(OrderEvent event, Context ctx, Collector<OrderEvent> out) throws Exception {
            if (seen.value() == null) {
                seen.update(true);
                ctx.output(TALLY, VALID);
                out.collect(event);
            } else {
                ctx.output(TALLY, DUPLICATE);
            }
        }
    }

    /**
     * Watermark = highest event_ts seen − {@code realtime.watermark-delay}, emitted as soon as it moves:
     * whether an event is too late then depends on the order of the log only, not on timing.
     */
    static final class EventTimeBehindMax implements WatermarkGenerator<OrderEvent> {
        private final long delayMillis;
        private long emitted = Long.MIN_VALUE;

        EventTimeBehindMax(Duration delay) {
            this.delayMillis = delay.toMillis();
        }

        @Override
        public void onEvent(OrderEvent event, long timestamp, WatermarkOutput output) {
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

    /** The incremental (city, hour) aggregate. */
    static final class Sales implements AggregateFunction<OrderEvent, CityHourSales, CityHourSales> {
        private static final long serialVersionUID = 1L;

        @Override
        public CityHourSales createAccumulator() {
            return new CityHourSales();
        }

        @Override
        public CityHourSales add(OrderEvent event, CityHourSales sales) {
            sales.add(event);
            return sales;
        }

        @Override
        public CityHourSales getResult(CityHourSales sales) {
            return sales;
        }

        @Override
        public CityHourSales merge(CityHourSales a, CityHourSales b) {
            return a.merge(b);
        }
    }

    /** Turns a window's aggregate into the hash of its (city, hour). */
    static final class ToCityHourWrite extends ProcessWindowFunction<CityHourSales, ServingWrite, String, TimeWindow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void process(String city, Context ctx, Iterable<CityHourSales> sales, Collector<ServingWrite> out) {
            out.collect(sales.iterator().next().toWrite(city, ctx.window().getStart()));
        }
    }

    /** An event too late for its window: kept by id (with its event_ts) and counted. */
    static final class TooLate extends ProcessFunction<OrderEvent, ServingWrite> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processElement(OrderEvent event, Context ctx, Collector<ServingWrite> out) {
            ctx.output(TALLY, TOO_LATE);
            out.collect(new ServingWrite(TOO_LATE_KEY,
                    Map.of(event.eventId, Instant.ofEpochMilli(event.eventTs).toString())));
        }
    }

    /** Keyed by name: the running count of a kind of set-aside event, as an absolute value. */
    static final class Count extends KeyedProcessFunction<String, String, ServingWrite> {
        private static final long serialVersionUID = 1L;
        private transient ValueState<Long> count;

        @Override
        public void open(OpenContext context) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Long.class));
        }

        @Override
        public void processElement(String name, Context ctx, Collector<ServingWrite> out) throws Exception {
            long next = (count.value() == null ? 0 : count.value()) + 1;
            count.update(next);
            out.collect(new ServingWrite(COUNTS_KEY, Map.of(name, Long.toString(next))));
        }
    }
}
