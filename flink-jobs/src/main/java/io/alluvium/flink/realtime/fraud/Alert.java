package io.alluvium.flink.realtime.fraud;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.domain.FraudRule;
import io.alluvium.domain.ServingKeys;
import io.alluvium.flink.realtime.serving.ServingWrite;
import io.alluvium.flink.realtime.source.PaymentEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One fraud alert, as a rule raises it for the payment that triggers it: the rule, the evidence (a JSON
 * object, rule-specific), the ids of the events involved, the user, the card and the triggering event's
 * time. Its id, {@code <rule>:<event_id of the trigger>}, is the same on every replay, so the store
 * keeps one alert however often it is written. A public class with public fields: a Flink POJO.
 */
public final class Alert {
    /** The name its counts are kept under: {@code realtime:alerts:counts}. */
    public static final String COUNTS = "alerts";
    static final ObjectMapper JSON = new ObjectMapper();

    public String alertId;
    public String rule;
    public String userId;
    public String cardFingerprint;
    public long eventTs;
    public List<String> eventIds;
    public String evidence;

    public Alert() {
    }

    Alert(FraudRule rule, PaymentEvent trigger, List<String> eventIds, ObjectNode evidence) {
        this.alertId = rule.alertId(trigger.eventId);
        this.rule = rule.code();
        this.userId = trigger.userId;
        this.cardFingerprint = trigger.cardFingerprint;
        this.eventTs = trigger.eventTs;
        this.eventIds = List.copyOf(eventIds);
        this.evidence = evidence.toString();
    }

    /** A new, empty evidence object. */
    static ObjectNode evidence() {
        return JSON.createObjectNode();
    }

    /** The hash {@code alert:<alert_id>} of REALTIME.md (its fields: {@code ServingFields.ALERT}). */
    ServingWrite toHash() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("alert_id", alertId);
        fields.put("rule", rule);
        fields.put("user_id", userId);
        fields.put("card_fingerprint", cardFingerprint);
        fields.put("event_ts", Instant.ofEpochMilli(eventTs).toString());
        fields.put("event_ids", JSON.valueToTree(eventIds).toString());
        fields.put("evidence", evidence);
        return new ServingWrite(ServingKeys.alert(alertId), fields);
    }

    /** Its member of {@code alerts:by_time}, scored by the trigger's event time in epoch milliseconds. */
    ServingWrite toTimeIndex() {
        return ServingWrite.sortedSetMember(ServingKeys.ALERTS_BY_TIME, alertId, eventTs);
    }
}
