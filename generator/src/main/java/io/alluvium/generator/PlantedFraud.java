package io.alluvium.generator;

import io.alluvium.domain.FraudRule;
import java.time.Instant;
import java.util.List;

/**
 * One planted fraud case as the run's report lists it: the alert the realtime job must raise for it,
 * field for field as the job writes {@code alert:<alert_id>} (rule, triggering event, the event ids
 * involved, user, card, event time of the trigger).
 */
public record PlantedFraud(FraudRule rule, String triggerEventId, List<String> eventIds, String userId,
                           String cardFingerprint, Instant eventTs) {

    public PlantedFraud {
        eventIds = List.copyOf(eventIds);
    }

    /** The id of the alert the case must raise. */
    public String alertId() {
        return rule.alertId(triggerEventId);
    }
}
