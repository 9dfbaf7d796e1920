package io.alluvium.flink;

import java.time.Duration;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.triggers.CountTrigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Distinct valid orders → event-time tumbling hour windows per city with allowed lateness →
 * {@code city_hour:*} hashes ({@link CityHourSales}, gold.city_hourly_sales' numbers). A window fires on
 * every event (CountTrigger of 1) and writes its whole aggregate, so the store is current within the
 * sink's flush delay; its state is dropped once the watermark passes its end plus the allowed lateness.
 * An event for a dropped window is too late: tallied and kept by id in {@link #TOO_LATE_KEY}.
 */
final class CitySales {
    static final String TOO_LATE_KEY = TooLate.key("orders");
    private static final Duration HOUR = Duration.ofHours(1);
    private static final OutputTag<OrderEvent> LATE = new OutputTag<>("too-late") {
        private static final long serialVersionUID = 1L;
    };

    private CitySales() {
    }

    static DataStream<ServingWrite> define(DataStream<OrderEvent> orders, Duration allowedLateness, Tallies tallies) {
        SingleOutputStreamOperator<ServingWrite> cityHours = orders
                .keyBy(event -> event.city)
                .window(TumblingEventTimeWindows.of(HOUR))
                .allowedLateness(allowedLateness)
                .trigger(CountTrigger.of(1))
                .sideOutputLateData(LATE)
                .aggregate(new Sales(), new ToCityHourWrite())
                .name("city hour sales").uid("city-hour-sales");
        SingleOutputStreamOperator<ServingWrite> tooLate = cityHours.getSideOutput(LATE)
                .process(new TooLate<OrderEvent>("orders")).name("too late").uid("too-late");
        tallies.add(tooLate.getSideOutput(Tallies.TAG));
        return cityHours.union(tooLate);
    }

    /** The incremental (city, hour) aggregate. */
    private static final class Sales implements AggregateFunction<OrderEvent, CityHourSales, CityHourSales> {
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
    private static final class ToCityHourWrite
            extends ProcessWindowFunction<CityHourSales, ServingWrite, String, TimeWindow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void process(String city, Context ctx, Iterable<CityHourSales> sales, Collector<ServingWrite> out) {
            out.collect(sales.iterator().next().toWrite(city, ctx.window().getStart()));
        }
    }
}
