package io.alluvium.flink.realtime.source;

import static io.alluvium.contract.EventContracts.EVENT_ID;
import static io.alluvium.contract.EventContracts.EVENT_TS;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.contract.EventContracts;

/**
 * The realtime job's reading of an {@code orders} record: the contract's checks (common's
 * {@link EventContracts#ORDERS}, docs/events.md), which Silver's classifier applies too, so that the job keeps
 * exactly the events Silver keeps and rejects the others with Silver's reason code; then what the aggregates and
 * the fraud rules read of a valid one. Amounts are read as exact decimals, never as doubles.
 */
public final class OrderValidation {
    private static final ContractChecks CHECKS = new ContractChecks(EventContracts.ORDERS);

    private OrderValidation() {
    }

    public static Checked<OrderEvent> validate(byte[] payload) {
        return CHECKS.validate(payload, OrderValidation::event);
    }

    private static OrderEvent event(JsonNode o) {
        int qty = 0;
        for (JsonNode item : o.get("items")) {
            qty += item.get("qty").intValue();
        }
        return new OrderEvent(o.get(EVENT_ID).textValue(), o.get("order_id").textValue(), o.get("user_id").textValue(),
                o.get("city").textValue(), o.get("status").textValue(), PayloadValues.cents(o.get("amount")), qty,
                PayloadValues.epochMillis(o.get(EVENT_TS)));
    }
}
