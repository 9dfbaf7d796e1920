package io.alluvium.flink.realtime.fraud;

import io.alluvium.domain.FraudRule;
import io.alluvium.domain.FraudThresholds;
import io.alluvium.flink.realtime.source.PaymentEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.util.Collector;

/**
 * Fraud rule amount_spike, keyed by user: a payment (authorized or declined) of more than
 * {@code amount-factor} times the average of the user's earlier authorized payments raises an alert,
 * once there are at least {@code amount-min-history} of them. Exact: cents × count is compared with
 * factor × sum of cents. The user's count and sum are kept for as long as the user exists.
 */
final class AmountSpike extends InEventTimeOrder {
    private static final long serialVersionUID = 1L;
    private final BigDecimal factor;
    private final int minHistory;
    /** The user's earlier authorized payments: {count, sum of cents}. */
    private transient ValueState<long[]> history;

    AmountSpike(FraudThresholds thresholds) {
        this.factor = BigDecimal.valueOf(thresholds.amountFactor());
        this.minHistory = thresholds.amountMinHistory();
    }

    @Override
    public void open(OpenContext context) throws Exception {
        super.open(context);
        history = getRuntimeContext().getState(new ValueStateDescriptor<>("history", long[].class));
    }

    @Override
    void evaluate(PaymentEvent payment, Context ctx, Collector<Alert> out) throws Exception {
        long[] countAndSum = history.value() == null ? new long[2] : history.value();
        long count = countAndSum[0];
        long sum = countAndSum[1];
        if (count >= minHistory && BigDecimal.valueOf(payment.amountCents).multiply(BigDecimal.valueOf(count))
                .compareTo(factor.multiply(BigDecimal.valueOf(sum))) > 0) {
            BigDecimal average = BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 0, RoundingMode.HALF_EVEN);
            out.collect(new Alert(FraudRule.AMOUNT_SPIKE, payment, List.of(payment.eventId),
                    Alert.evidence().put("amount", BigDecimal.valueOf(payment.amountCents, 2).toPlainString())
                            .put("running_average", average.movePointLeft(2).toPlainString())
                            .put("earlier_payments", count).put("factor", factor)));
        }
        if (payment.authorized) {
            history.update(new long[] {count + 1, sum + payment.amountCents});
        }
    }
}
