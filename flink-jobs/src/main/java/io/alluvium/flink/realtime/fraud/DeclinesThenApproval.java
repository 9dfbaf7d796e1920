package io.alluvium.flink.realtime.fraud;

import io.alluvium.domain.FraudRule;
import io.alluvium.domain.FraudThresholds;
import io.alluvium.flink.realtime.source.PaymentEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.util.Collector;

/**
 * Fraud rule declines_then_approval, keyed by card: an authorized payment that follows at least
 * {@code declines-before-approval} declined payments in a row on the card (however long ago) raises an
 * alert naming the declines and itself. An authorized payment ends the run of declines; the run is kept
 * until then.
 */
final class DeclinesThenApproval extends InEventTimeOrder {
    private static final long serialVersionUID = 1L;
    private final int minDeclines;
    private transient ListState<String> declines;

    DeclinesThenApproval(FraudThresholds thresholds) {
        this.minDeclines = thresholds.declinesBeforeApproval();
    }

    @Override
    public void open(OpenContext context) throws Exception {
        super.open(context);
        declines = getRuntimeContext().getListState(new ListStateDescriptor<>("declines", String.class));
    }

    @Override
    void evaluate(PaymentEvent payment, Context ctx, Collector<Alert> out) throws Exception {
        if (!payment.authorized) {
            declines.add(payment.eventId);
            return;
        }
        List<String> ids = new ArrayList<>();
        declines.get().forEach(ids::add);
        if (ids.size() >= minDeclines) {
            int declined = ids.size();
            ids.add(payment.eventId);
            out.collect(new Alert(FraudRule.DECLINES_THEN_APPROVAL, payment, ids,
                    Alert.evidence().put("declines", declined).put("min_declines", minDeclines)));
        }
        declines.clear();
    }
}
