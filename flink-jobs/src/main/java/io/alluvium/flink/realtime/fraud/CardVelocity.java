package io.alluvium.flink.realtime.fraud;

import io.alluvium.domain.FraudRule;
import io.alluvium.domain.FraudThresholds;
import io.alluvium.flink.realtime.source.PaymentEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.util.Collector;

/**
 * Fraud rule card_velocity, keyed by card: a payment whose card has made more than
 * {@code velocity-payments} payments in the window (event_ts − velocity-window, event_ts] (itself
 * included, an earlier payment at the same instant too if its event_id sorts first) raises an alert when
 * the card's previous payment had not: one alert per burst, naming the window's payments. A card's
 * payments are forgotten once the window has passed them.
 */
final class CardVelocity extends InEventTimeOrder {
    private static final long serialVersionUID = 1L;
    private final int maxPayments;
    private final long windowMillis;
    private transient ListState<PaymentEvent> window;
    private transient ValueState<Boolean> above;

    CardVelocity(FraudThresholds thresholds) {
        this.maxPayments = thresholds.velocityPayments();
        this.windowMillis = thresholds.velocityWindow().toMillis();
    }

    @Override
    public void open(OpenContext context) throws Exception {
        super.open(context);
        window = getRuntimeContext().getListState(new ListStateDescriptor<>("window", PaymentEvent.class));
        above = getRuntimeContext().getState(new ValueStateDescriptor<>("above", Boolean.class));
    }

    @Override
    void evaluate(PaymentEvent payment, Context ctx, Collector<Alert> out) throws Exception {
        List<PaymentEvent> inWindow = inWindowAt(payment.eventTs);
        inWindow.add(payment);
        window.update(inWindow);
        boolean isAbove = inWindow.size() > maxPayments;
        if (isAbove && above.value() == null) {
            out.collect(new Alert(FraudRule.CARD_VELOCITY, payment, inWindow.stream().map(p -> p.eventId).toList(),
                    Alert.evidence().put("payments", inWindow.size()).put("window_ms", windowMillis)
                            .put("max_payments", maxPayments)));
        }
        if (isAbove) {
            above.update(true);
        } else {
            above.clear();
        }
        ctx.timerService().registerEventTimeTimer(payment.eventTs + windowMillis);
    }

    @Override
    void timeReached(long timestamp) throws Exception {
        List<PaymentEvent> inWindow = inWindowAt(timestamp);
        if (inWindow.isEmpty()) {
            window.clear();
            above.clear();
        } else {
            window.update(inWindow);
        }
    }

    /** The card's payments in (ts − window, ts], in the order they were evaluated. */
    private List<PaymentEvent> inWindowAt(long ts) throws Exception {
        List<PaymentEvent> in = new ArrayList<>();
        for (PaymentEvent p : window.get()) {
            if (p.eventTs > ts - windowMillis) {
                in.add(p);
            }
        }
        return in;
    }
}
