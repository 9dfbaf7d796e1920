package io.alluvium.flink.realtime.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.alluvium.contract.ContractCases;
import io.alluvium.contract.ContractCases.Case;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The realtime job's validation against the shared table of the event contract's cases (common's
 * {@link ContractCases}, docs/events.md): each crafted payload gets the reason the table expects, the same that
 * spark-jobs' classifier gives it, so the realtime job keeps exactly the events Silver keeps.
 */
class ContractValidationTest {

    static List<Case> cases() {
        return ContractCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givesTheReasonOfTheContract(Case c) {
        Checked<?> checked = switch (c.topic()) {
            case CLICKSTREAM -> ClickValidation.validate(c.bytes());
            case ORDERS -> OrderValidation.validate(c.bytes());
            case PAYMENTS -> PaymentValidation.validate(c.bytes());
        };

        assertThat(checked.reason).as(c.payload()).isEqualTo(c.reason());
        assertThat(checked.event == null).as("rejected").isEqualTo(c.reason() != null);
    }
}
