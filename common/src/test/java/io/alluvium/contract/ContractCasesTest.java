package io.alluvium.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.alluvium.contract.ContractCases.Case;
import io.alluvium.domain.Topic;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shared table of the event contract's cases reads as its header says, and has cases of every reason each topic's
 * contract can give.
 */
class ContractCasesTest {
    private static final String BASE = "base {\"a\":\"x\",\"b\":1}";

    @Test
    void everyTopicHasValidCasesAndCasesOfEachReasonItsChecksGive() {
        for (Topic topic : Topic.values()) {
            Set<String> expected = EventContracts.of(topic).checks().stream().map(c -> c.reason().code())
                    .collect(Collectors.toSet());
            expected.add("valid");
            Set<String> tabled = ContractCases.of(topic).stream().map(c -> c.reason() == null ? "valid" : c.reason())
                    .collect(Collectors.toSet());
            assertThat(tabled).as(topic.topicName()).isEqualTo(expected);
        }
    }

    @Test
    void aReasonIsACodeOfTheContract() {
        assertThatThrownBy(() -> ContractCases.parse(List.of("topic orders", BASE, "wrong_value | b | :1} => :2}")))
                .hasMessageContaining("unknown reason code \"wrong_value\"");
    }

    @Test
    void aCaseEditsTheBaseOrReplacesIt() {
        List<Case> cases = ContractCases.parse(List.of("topic orders", BASE,
                "missing_field | a absent | \"a\":\"x\", =>",
                "wrong_type    | a and b swapped | \"x\" => 1 | :1} => :\"x\"}",
                "bad_json      | text | raw not json",
                "bad_json      | nothing | no payload"));

        assertThat(cases).extracting(Case::name, Case::reason, Case::payload).containsExactly(
                tuple("the base event", null, "{\"a\":\"x\",\"b\":1}"),
                tuple("a absent", "missing_field", "{\"b\":1}"),
                tuple("a and b swapped", "wrong_type", "{\"a\":1,\"b\":\"x\"}"),
                tuple("text", "bad_json", "not json"),
                tuple("nothing", "bad_json", null));
        assertThat(cases.get(4).bytes()).isNull();
    }

    @Test
    void anEditThatDoesNotApplyExactlyOnceIsAnError() {
        assertThatThrownBy(() -> ContractCases.parse(List.of("topic orders", BASE, "wrong_type | c | \"c\" => 1")))
                .hasMessageContaining("line 3").hasMessageContaining("exactly once");
        assertThatThrownBy(() -> ContractCases.parse(List.of("topic orders", BASE, "valid | any x | \"x\" => \"x\"")))
                .hasMessageContaining("leave the base as it is");
    }

    @Test
    void twoCasesOfATopicCannotShareAName() {
        assertThatThrownBy(() -> ContractCases.parse(List.of("topic orders", BASE,
                "wrong_type | b | :1} => :true}", "wrong_type | b | :1} => :\"1\"}")))
                .hasMessageContaining("a second case named \"b\"");
    }
}
