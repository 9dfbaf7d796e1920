package io.alluvium.flink.realtime.source;

import static io.alluvium.contract.EventContracts.EVENT_ID;
import static io.alluvium.contract.EventContracts.EVENT_TS;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.contract.EventContracts;

/**
 * The realtime job's reading of a {@code payments} record: the contract's checks (common's
 * {@link EventContracts#PAYMENTS}, docs/events.md), which Silver's classifier applies too, so that the job keeps
 * exactly the events Silver keeps and rejects the others with Silver's reason code; then what the fraud rules and
 * the user's features read of a valid one. Amounts are read as exact decimals, never as doubles.
 */
public final class PaymentValidation {
    private static final ContractChecks CHECKS = new ContractChecks(EventContracts.PAYMENTS);

    private PaymentValidation() {
    }

    public static Checked<PaymentEvent> validate(byte[] payload) {
        return CHECKS.validate(payload, PaymentValidation::event);
    }

    private static PaymentEvent event(JsonNode o) {
        return new PaymentEvent(o.get(EVENT_ID).textValue(), o.get("order_id").textValue(), o.get("user_id").textValue(),
                o.get("card_fingerprint").textValue(), PayloadValues.cents(o.get("amount")),
                o.get("status").textValue().equals("authorized"), o.get("ip_country").textValue(),
                PayloadValues.epochMillis(o.get(EVENT_TS)));
    }
}
