package io.alluvium.contract;

import static io.alluvium.contract.Field.optional;
import static io.alluvium.contract.Field.required;
import static io.alluvium.contract.JsonType.INTEGER;
import static io.alluvium.contract.JsonType.MONEY;
import static io.alluvium.contract.JsonType.OBJECTS;
import static io.alluvium.contract.JsonType.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alluvium.domain.Topic;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The order of a contract's checks, which decides the reason of a record that breaks several rules, and what a
 * declaration may say.
 */
class TopicContractTest {

    @Test
    void ordersAreCheckedInTheOrderOfTheReasonsTheItemsFieldsWithTheirArraysType() {
        assertThat(EventContracts.ORDERS.checks()).map(Check::toString).containsExactly(
                "JSON_OBJECT",
                "PRESENT event_id", "PRESENT order_id", "PRESENT user_id", "PRESENT city", "PRESENT items",
                "PRESENT amount", "PRESENT currency", "PRESENT status", "PRESENT event_ts",
                "TYPE event_id", "TYPE order_id", "TYPE user_id", "TYPE city",
                "TYPE items", "ELEMENTS_ARE_OBJECTS items", "PRESENT items[].product_id", "PRESENT items[].qty",
                "PRESENT items[].unit_price", "TYPE items[].product_id", "TYPE items[].qty", "TYPE items[].unit_price",
                "TYPE amount", "TYPE currency", "TYPE status", "TYPE event_ts", "TYPE coupon_code",
                "NOT_NEGATIVE amount",
                "NOT_EMPTY items", "AT_LEAST items[].qty", "WHOLE_CENTS items[].unit_price", "AT_LEAST items[].unit_price",
                "WHOLE_CENTS amount", "ONE_OF status",
                "TOTAL amount");
        assertThat(EventContracts.ORDERS.checks()).map(Check::reason).first().isEqualTo(Reason.BAD_JSON);
    }

    @Test
    void aConditionallyRequiredFieldIsCheckedWithTheRequiredOnes() {
        assertThat(EventContracts.CLICKSTREAM.checks()).map(Check::toString).containsSubsequence(
                "PRESENT session_id", "PRESENT product_id", "PRESENT city", "TYPE event_id");
        assertThat(EventContracts.PAYMENTS.checks()).map(Check::toString).doesNotContain("TOTAL amount")
                .contains("NOT_NEGATIVE amount", "WHOLE_CENTS amount", "ONE_OF status");
    }

    @Test
    void eachTopicHasItsContract() {
        for (Topic topic : Topic.values()) {
            assertThat(EventContracts.of(topic).topic()).isEqualTo(topic);
            assertThat(EventContracts.of(topic).field(EventContracts.EVENT_ID).required()).isTrue();
            assertThat(EventContracts.of(topic).field(EventContracts.EVENT_TS).type()).isEqualTo(JsonType.TIMESTAMP);
        }
    }

    @Test
    void aRuleWhereItCannotApplyIsRefused() {
        assertRefused("a set of values is for a string", required("amount", MONEY).oneOf("1"));
        assertRefused("only money is negative_amount", required("qty", INTEGER).notNegative());
        assertRefused("a minimum is for a number", required("id", STRING).atLeast(1));
        assertRefused("only an array is empty", required("id", STRING).notEmpty());
        assertRefused("declares the fields of its elements", required("items", OBJECTS));
        assertRefused("declared twice", required("id", STRING), optional("id", STRING));
        assertRefused("an item's field is flat",
                required("items", OBJECTS).withItems(required("qty", INTEGER).totalOf("items", "qty", "qty")));
        assertRefused("an item's field is flat",
                required("items", OBJECTS).withItems(required("price", MONEY).notNegative()));
    }

    @Test
    void aConditionOrATotalMustNameWhatTheTopicDeclares() {
        assertRefused("required when kind is one of its values [a, b]",
                required("kind", STRING).oneOf("a", "b"), optional("extra", STRING).requiredWhen("kind", "c"));
        assertRefused("has no field kind", optional("extra", STRING).requiredWhen("kind", "c"));
        assertRefused("by their integer quantity and money price",
                required("items", OBJECTS).withItems(required("qty", MONEY), required("price", MONEY)),
                required("amount", MONEY).totalOf("items", "qty", "price"));
        assertRefused("has no item field cost", required("items", OBJECTS).withItems(required("qty", INTEGER)),
                required("amount", MONEY).totalOf("items", "qty", "cost"));
    }

    private static void assertRefused(String problem, Field... fields) {
        assertThatThrownBy(() -> new TopicContract(Topic.ORDERS, List.of(fields).toArray(Field[]::new)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(problem);
    }
}
