package io.alluvium.flink.realtime.fraud;

import io.alluvium.domain.FraudThresholds;
import io.alluvium.flink.realtime.Tallies;
import io.alluvium.flink.realtime.Tally;
import io.alluvium.flink.realtime.TooLate;
import io.alluvium.flink.realtime.serving.ServingWrite;
import io.alluvium.flink.realtime.serving.StoreWrites;
import io.alluvium.flink.realtime.source.OrderEvent;
import io.alluvium.flink.realtime.source.PaymentEvent;
import io.alluvium.flink.realtime.source.TopicSource;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The fraud rules of the realtime job (REALTIME.md), over the distinct valid payments that came in their
 * partition's event-time order: card_velocity and declines_then_approval per card, amount_spike per
 * user, ip_country_mismatch per order (joined with the order events that came in order). Each alert is
 * written as {@code alert:<alert_id>} and a member of {@code alerts:by_time}, and counted per rule in
 * {@code realtime:alerts:counts}. Payments behind their partition cannot be put in order any more: they
 * are counted as {@code too_late} and kept in {@code realtime:payments:too_late}.
 */
public final class FraudRules {
    private FraudRules() {
    }

    public static void define(TopicSource.Distinct<PaymentEvent> payments, DataStream<OrderEvent> orders,
            FraudThresholds thresholds, Tallies tallies, StoreWrites store) {
        DataStream<PaymentEvent> inOrder = payments.inOrder();
        KeyedStream<PaymentEvent, String> byCard = inOrder.keyBy(p -> p.cardFingerprint, Types.STRING);
        DataStream<Alert> velocity = byCard.process(new CardVelocity(thresholds))
                .name("fraud card_velocity").uid("fraud-card-velocity");
        DataStream<Alert> declines = byCard.process(new DeclinesThenApproval(thresholds))
                .name("fraud declines_then_approval").uid("fraud-declines-then-approval");
        DataStream<Alert> spikes = inOrder.keyBy(p -> p.userId, Types.STRING).process(new AmountSpike(thresholds))
                .name("fraud amount_spike").uid("fraud-amount-spike");
        SingleOutputStreamOperator<Alert> mismatches = inOrder.keyBy(p -> p.orderId, Types.STRING)
                .connect(orders.keyBy(o -> o.orderId, Types.STRING))
                .process(new IpCountryMismatch(thresholds))
                .name("fraud ip_country_mismatch").uid("fraud-ip-country-mismatch");
        SingleOutputStreamOperator<ServingWrite> alerts = velocity.union(declines, spikes, mismatches)
                .process(new AlertWrites()).name("alerts").uid("fraud-alerts");
        SingleOutputStreamOperator<ServingWrite> tooLate = payments.behind()
                .process(new TooLate<PaymentEvent>("payments")).name("payments too late").uid("payments-too-late");
        tallies.add(mismatches.getSideOutput(Tallies.TAG));
        tallies.add(alerts.getSideOutput(Tallies.TAG));
        tallies.add(tooLate.getSideOutput(Tallies.TAG));
        store.add(alerts, "fraud-alerts");
        store.add(tooLate, "payments-too-late");
    }

    /** An alert's hash and time-index member, and its count under its rule. */
    private static final class AlertWrites extends ProcessFunction<Alert, ServingWrite> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processElement(Alert alert, Context ctx, Collector<ServingWrite> out) {
            out.collect(alert.toHash());
            out.collect(alert.toTimeIndex());
            ctx.output(Tallies.TAG, new Tally(Alert.COUNTS, alert.rule));
        }
    }
}
