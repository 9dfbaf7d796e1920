package io.alluvium.flink.realtime.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * Silver's rules for a {@code payments} record (spark-jobs EventContract/EventClassifier, docs/events.md),
 * applied to the raw Kafka payload in the same order, so that the realtime job accepts exactly the events
 * Silver keeps and rejects the others with Silver's reason code: bad_json, missing_field, wrong_type,
 * negative_amount, invalid_value. Amounts are parsed as exact decimals, never as doubles.
 */
public final class PaymentValidation {
    private static final List<String> REQUIRED = List.of("event_id", "payment_id", "order_id", "user_id",
            "card_fingerprint", "amount", "currency", "status", "ip_country", "event_ts");
    private static final List<String> STRINGS = List.of("event_id", "payment_id", "order_id", "user_id",
            "card_fingerprint", "currency", "status", "ip_country");
    private static final Set<String> STATUSES = Set.of("authorized", "declined");

    private PaymentValidation() {
    }

    public static Checked<PaymentEvent> validate(byte[] payload) {
        JsonNode o = PayloadRules.object(payload);
        if (o == null) {
            return Checked.rejected("bad_json");
        }
        if (PayloadRules.anyAbsent(o, REQUIRED)) {
            return Checked.rejected("missing_field");
        }
        if (!PayloadRules.allText(o, STRINGS) || !o.get("amount").isNumber()
                || PayloadRules.instant(o, "event_ts") == null) {
            return Checked.rejected("wrong_type");
        }
        BigDecimal amount = o.get("amount").decimalValue();
        if (amount.signum() < 0) {
            return Checked.rejected("negative_amount");
        }
        String status = o.get("status").asText();
        if (!PayloadRules.isMoney(amount) || !STATUSES.contains(status)) {
            return Checked.rejected("invalid_value");
        }
        return Checked.valid(new PaymentEvent(o.get("event_id").asText(), o.get("order_id").asText(),
                o.get("user_id").asText(), o.get("card_fingerprint").asText(), PayloadRules.cents(amount),
                status.equals("authorized"), o.get("ip_country").asText(),
                PayloadRules.instant(o, "event_ts").toEpochMilli()));
    }
}
