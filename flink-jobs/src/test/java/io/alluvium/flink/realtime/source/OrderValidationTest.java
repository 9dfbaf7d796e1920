package io.alluvium.flink.realtime.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The realtime job's reading of the contract's order rules: Silver's reason code for each kind of fault. */
class OrderValidationTest {
    private static final String VALID = "{\"event_id\":\"e-1\",\"order_id\":\"o-1\",\"user_id\":\"u-1\",\"city\":\"Paris\","
            + "\"items\":[{\"product_id\":\"p-1\",\"qty\":3,\"unit_price\":1.85},{\"product_id\":\"p-2\",\"qty\":1,\"unit_price\":0.10}],"
            + "\"amount\":5.65,\"currency\":\"EUR\",\"status\":\"paid\",\"event_ts\":\"2026-11-01T10:15:30.123Z\",\"coupon_code\":null}";

    @Test
    void aValidEventKeepsExactCentsItemsAndItsInstant() {
        OrderEvent e = OrderValidation.validate(VALID.getBytes(StandardCharsets.UTF_8)).event;

        assertThat(e.amountCents).isEqualTo(565);
        assertThat(e.itemsQty).isEqualTo(4);
        assertThat(e.eventTs).isEqualTo(java.time.Instant.parse("2026-11-01T10:15:30.123Z").toEpochMilli());
        assertThat(e.city).isEqualTo("Paris");
    }

    @Test
    void unknownFieldsAreIgnoredAsSilverIgnoresThem() {
        String withMore = VALID.replace("\"currency\":\"EUR\",", "\"currency\":\"EUR\",\"channel\":\"app\",\"gift\":{\"wrap\":true},");
        assertThat(withMore).isNotEqualTo(VALID);

        Checked<OrderEvent> checked = OrderValidation.validate(withMore.getBytes(StandardCharsets.UTF_8));

        assertThat(checked.reason).isNull();
        assertThat(checked.event.amountCents).isEqualTo(565);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "truncated object       | bad_json        | {\"event_id\":\"e-1\"|",
        "JSON array             | bad_json        | [1,2]|",
        "missing city           | missing_field   | \"city\":\"Paris\",|",
        "null user_id           | missing_field   | \"user_id\":\"u-1\"|\"user_id\":null",
        "missing item qty       | missing_field   | \"qty\":1,|",
        "amount as text         | wrong_type      | \"amount\":5.65|\"amount\":\"5,65\"",
        "qty as text            | wrong_type      | \"qty\":3|\"qty\":\"three\"",
        "qty not integral       | wrong_type      | \"qty\":3|\"qty\":3.0",
        "city as number         | wrong_type      | \"city\":\"Paris\"|\"city\":75",
        "event_ts not instant   | wrong_type      | 2026-11-01T10:15:30.123Z|yesterday",
        "coupon_code as number  | wrong_type      | \"coupon_code\":null|\"coupon_code\":10",
        "negative amount        | negative_amount | \"amount\":5.65|\"amount\":-5.65",
        "status out of the set  | invalid_value   | \"status\":\"paid\"|\"status\":\"shipped\"",
        "amount not sum         | invalid_value   | \"amount\":5.65|\"amount\":5.66",
        "three decimals         | invalid_value   | \"amount\":5.65|\"amount\":5.655",
        "qty zero               | invalid_value   | \"qty\":1,|\"qty\":0,",
    })
    void rejectsWithSilversReasonCode(String fault, String reason, String replace, String with) {
        String payload = fault.startsWith("truncated") || fault.startsWith("JSON array")
                ? replace : VALID.replace(replace, with == null ? "" : with);
        assertThat(payload).isNotEqualTo(VALID);

        assertThat(OrderValidation.validate(payload.getBytes(StandardCharsets.UTF_8)).reason).isEqualTo(reason);
    }
}
