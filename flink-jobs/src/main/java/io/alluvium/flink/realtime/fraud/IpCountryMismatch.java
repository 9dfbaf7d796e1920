package io.alluvium.flink.realtime.fraud;

import io.alluvium.domain.City;
import io.alluvium.domain.FraudRule;
import io.alluvium.domain.FraudThresholds;
import io.alluvium.flink.realtime.Tallies;
import io.alluvium.flink.realtime.Tally;
import io.alluvium.flink.realtime.source.OrderEvent;
import io.alluvium.flink.realtime.source.PaymentEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Fraud rule ip_country_mismatch, keyed by order_id: payments joined with the events of their order.
 * A payment is compared with one event of its order within {@code order-wait} of it in event time: the
 * latest one at or before the payment, decided as soon as the watermark passes the payment; failing
 * that, the earliest one after it, decided when the watermark passes the payment plus order-wait. An
 * alert is raised when the payment's ip_country is not the country of that event's city. A payment with
 * no such event is counted as {@code without_order}, one whose order's city is not a marketplace city as
 * {@code unknown_city} (in {@code realtime:payments:counts}), neither alerted. Since the events of both
 * topics come in their partitions' order, every event within reach has arrived when a decision is made:
 * the answer depends on the log alone. Order events are kept until the watermark is twice order-wait past
 * them (no payment can pick them after that), rounded up to a whole order-wait so that the events of an
 * order share one cleanup timer; payments until decided.
 */
final class IpCountryMismatch extends KeyedCoProcessFunction<String, PaymentEvent, OrderEvent, Alert> {
    static final String WITHOUT_ORDER = "without_order";
    static final String UNKNOWN_CITY = "unknown_city";
    private static final long serialVersionUID = 1L;
    private static final String TOPIC = "payments";
    private static final Comparator<OrderEvent> BY_TIME = Comparator.<OrderEvent>comparingLong(o -> o.eventTs)
            .thenComparing(o -> o.eventId);

    private final long waitMillis;
    private transient ListState<PaymentEvent> payments;
    private transient ListState<OrderEvent> orderEvents;

    IpCountryMismatch(FraudThresholds thresholds) {
        this.waitMillis = thresholds.orderWait().toMillis();
    }

    @Override
    public void open(OpenContext context) {
        payments = getRuntimeContext().getListState(new ListStateDescriptor<>("payments", PaymentEvent.class));
        orderEvents = getRuntimeContext().getListState(new ListStateDescriptor<>("order-events", OrderEvent.class));
    }

    @Override
    public void processElement1(PaymentEvent payment, Context ctx, Collector<Alert> out) throws Exception {
        payments.add(payment);
        ctx.timerService().registerEventTimeTimer(payment.eventTs);
    }

    @Override
    public void processElement2(OrderEvent order, Context ctx, Collector<Alert> out) throws Exception {
        orderEvents.add(order);
        long unused = order.eventTs + 2 * waitMillis + 1;
        ctx.timerService().registerEventTimeTimer(unused + Math.floorMod(-unused, waitMillis));
    }

    /**
     * Decides the payments the watermark has passed; one with no order event at or before it waits for a
     * timer at its time plus order-wait, registered only then (most payments follow their order, so most
     * need one timer). The state is written back only when something in it changed.
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        List<OrderEvent> orders = new ArrayList<>();
        orderEvents.get().forEach(orders::add);
        List<PaymentEvent> undecided = new ArrayList<>();
        boolean decided = false;
        for (PaymentEvent payment : payments.get()) {
            if (timestamp < payment.eventTs) {
                undecided.add(payment);
                continue;
            }
            Optional<OrderEvent> before = orders.stream()
                    .filter(o -> o.eventTs <= payment.eventTs && o.eventTs >= payment.eventTs - waitMillis)
                    .max(BY_TIME);
            if (before.isPresent()) {
                compare(payment, before.get(), ctx, out);
                decided = true;
            } else if (timestamp >= payment.eventTs + waitMillis) {
                Optional<OrderEvent> after = orders.stream()
                        .filter(o -> o.eventTs > payment.eventTs && o.eventTs <= payment.eventTs + waitMillis)
                        .min(BY_TIME);
                if (after.isPresent()) {
                    compare(payment, after.get(), ctx, out);
                } else {
                    ctx.output(Tallies.TAG, new Tally(TOPIC, WITHOUT_ORDER));
                }
                decided = true;
            } else {
                ctx.timerService().registerEventTimeTimer(payment.eventTs + waitMillis);
                undecided.add(payment);
            }
        }
        if (decided) {
            payments.update(undecided);
        }
        List<OrderEvent> kept = orders.stream().filter(o -> o.eventTs + 2 * waitMillis >= timestamp).toList();
        if (kept.size() < orders.size()) {
            orderEvents.update(kept);
        }
    }

    private static void compare(PaymentEvent payment, OrderEvent order, Context ctx, Collector<Alert> out) {
        Optional<String> country = City.countryOf(order.city);
        if (country.isEmpty()) {
            ctx.output(Tallies.TAG, new Tally(TOPIC, UNKNOWN_CITY));
        } else if (!country.get().equals(payment.ipCountry)) {
            out.collect(new Alert(FraudRule.IP_COUNTRY_MISMATCH, payment, List.of(payment.eventId, order.eventId),
                    Alert.evidence().put("ip_country", payment.ipCountry).put("order_id", order.orderId)
                            .put("order_city", order.city).put("city_country", country.get())));
        }
    }
}
