package io.alluvium.flink.realtime.source;

import static io.alluvium.contract.EventContracts.EVENT_ID;
import static io.alluvium.contract.EventContracts.EVENT_TS;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.contract.EventContracts;

/**
 * The realtime job's reading of a {@code clickstream} record: the contract's checks (common's
 * {@link EventContracts#CLICKSTREAM}, docs/events.md), which Silver's classifier applies too, so that the job
 * keeps exactly the events Silver keeps and rejects the others with Silver's reason code; then what the funnel
 * and the user's features read of a valid one.
 */
public final class ClickValidation {
    private static final ContractChecks CHECKS = new ContractChecks(EventContracts.CLICKSTREAM);

    private ClickValidation() {
    }

    public static Checked<ClickEvent> validate(byte[] payload) {
        return CHECKS.validate(payload, ClickValidation::event);
    }

    private static ClickEvent event(JsonNode o) {
        return new ClickEvent(o.get(EVENT_ID).textValue(), o.get("event_type").textValue(),
                o.get("user_id").textValue(), o.get("city").textValue(), o.get("device").textValue(),
                PayloadValues.epochMillis(o.get(EVENT_TS)));
    }
}
