package io.alluvium.flink.realtime.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The realtime job's reading of the contract's payment rules: Silver's reason code for each kind of fault. */
class PaymentValidationTest {
    private static final String VALID = "{\"event_id\":\"e-1\",\"payment_id\":\"pay-1\",\"order_id\":\"o-1\","
            + "\"user_id\":\"u-1\",\"card_fingerprint\":\"c0ffee\",\"amount\":12.50,\"currency\":\"EUR\","
            + "\"status\":\"declined\",\"ip_country\":\"FR\",\"event_ts\":\"2026-11-01T10:15:30.123Z\"}";

    @Test
    void aValidEventKeepsExactCentsItsStatusAndItsInstant() {
        PaymentEvent e = PaymentValidation.validate(VALID.getBytes(StandardCharsets.UTF_8)).event;

        assertThat(e.amountCents).isEqualTo(1250);
        assertThat(e.authorized).isFalse();
        assertThat(e.cardFingerprint).isEqualTo("c0ffee");
        assertThat(e.orderId).isEqualTo("o-1");
        assertThat(e.ipCountry).isEqualTo("FR");
        assertThat(e.eventTs).isEqualTo(Instant.parse("2026-11-01T10:15:30.123Z").toEpochMilli());
        assertThat(PaymentValidation.validate(VALID.replace("declined", "authorized").getBytes(StandardCharsets.UTF_8))
                .event.authorized).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "truncated object       | bad_json        | {\"event_id\":\"e-1\"|",
        "plain text             | bad_json        | upstream timeout|",
        "missing card           | missing_field   | \"card_fingerprint\":\"c0ffee\",|",
        "null ip_country        | missing_field   | \"ip_country\":\"FR\"|\"ip_country\":null",
        "amount as text         | wrong_type      | \"amount\":12.50|\"amount\":\"12,50\"",
        "user_id as number      | wrong_type      | \"user_id\":\"u-1\"|\"user_id\":1",
        "event_ts as epoch      | wrong_type      | \"2026-11-01T10:15:30.123Z\"|1793528130123",
        "negative amount        | negative_amount | \"amount\":12.50|\"amount\":-12.50",
        "status out of the set  | invalid_value   | \"status\":\"declined\"|\"status\":\"approved\"",
        "status in capitals     | invalid_value   | \"status\":\"declined\"|\"status\":\"AUTHORIZED\"",
        "three decimals         | invalid_value   | \"amount\":12.50|\"amount\":12.505",
    })
    void rejectsWithSilversReasonCode(String fault, String reason, String replace, String with) {
        String payload = fault.equals("truncated object") || fault.equals("plain text")
                ? replace : VALID.replace(replace, with == null ? "" : with);
        assertThat(payload).isNotEqualTo(VALID);

        assertThat(PaymentValidation.validate(payload.getBytes(StandardCharsets.UTF_8)).reason).isEqualTo(reason);
    }
}
