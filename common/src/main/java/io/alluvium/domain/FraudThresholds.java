package io.alluvium.domain;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import java.io.Serializable;
import java.time.Duration;

/**
 * The {@code realtime.fraud.*} settings, read once: the realtime job's rules raise alerts above these
 * thresholds, and the generator plants cases just above them while keeping its background traffic
 * below them. Serializable, as Flink ships it to the rules' operators.
 *
 * @param velocityPayments card_velocity: more than this many payments of one card within {@code velocityWindow}
 * @param velocityWindow card_velocity's event-time window
 * @param amountFactor amount_spike: a payment more than this many times the user's average
 * @param amountMinHistory amount_spike: earlier authorized payments a user needs before the rule applies
 * @param declinesBeforeApproval declines_then_approval: declines in a row before an authorized payment
 * @param orderWait ip_country_mismatch: how far apart in event time a payment and its order's event may be
 */
public record FraudThresholds(int velocityPayments, Duration velocityWindow, double amountFactor,
                              int amountMinHistory, int declinesBeforeApproval, Duration orderWait)
        implements Serializable {

    public static FraudThresholds of(AlluviumConfig config) {
        return new FraudThresholds(
                config.getInt(AlluviumSettings.FRAUD_VELOCITY_PAYMENTS),
                config.getDuration(AlluviumSettings.FRAUD_VELOCITY_WINDOW),
                config.getDouble(AlluviumSettings.FRAUD_AMOUNT_FACTOR),
                config.getInt(AlluviumSettings.FRAUD_AMOUNT_MIN_HISTORY),
                config.getInt(AlluviumSettings.FRAUD_DECLINES_BEFORE_APPROVAL),
                config.getDuration(AlluviumSettings.FRAUD_ORDER_WAIT));
    }
}
