package io.alluvium.domain;

/**
 * The realtime job's fraud rules (flink-jobs REALTIME.md), named as alerts carry them. The generator
 * plants one pattern per rule and the realtime job raises alerts under the same names, so the planted
 * cases of a run and the alerts in the serving store can be compared id for id.
 */
public enum FraudRule {
    CARD_VELOCITY("card_velocity"),
    AMOUNT_SPIKE("amount_spike"),
    IP_COUNTRY_MISMATCH("ip_country_mismatch"),
    DECLINES_THEN_APPROVAL("declines_then_approval");

    private final String code;

    FraudRule(String code) {
        this.code = code;
    }

    /** The rule's name in alerts, counts and reports. */
    public String code() {
        return code;
    }

    /** The rule named {@code code}. */
    public static FraudRule ofCode(String code) {
        for (FraudRule rule : values()) {
            if (rule.code.equals(code)) {
                return rule;
            }
        }
        throw new IllegalArgumentException("unknown fraud rule \"" + code + "\"");
    }

    /**
     * The id of the alert this rule raises for a triggering event: {@code <rule>:<event_id>}, the same
     * however often the event is replayed, so writing the alert again overwrites it instead of adding one.
     */
    public String alertId(String triggerEventId) {
        return code + ":" + triggerEventId;
    }
}
