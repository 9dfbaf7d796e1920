package io.alluvium.flink.realtime.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.contract.IsoInstants;

/**
 * What the realtime job reads of a payload that passed the contract's checks ({@link ContractChecks}), in the
 * types its events hold: money in exact integer cents (Silver's decimal(18,2)), a timestamp in epoch milliseconds.
 */
final class PayloadValues {
    private PayloadValues() {
    }

    /** Exact cents of money: at most 2 decimals, as the contract's checks made sure. */
    static long cents(JsonNode money) {
        return money.decimalValue().movePointRight(2).longValueExact();
    }

    /** Epoch milliseconds of a timestamp of the contract's form. */
    static long epochMillis(JsonNode timestamp) {
        return IsoInstants.ofContractForm(timestamp.textValue()).toEpochMilli();
    }
}
