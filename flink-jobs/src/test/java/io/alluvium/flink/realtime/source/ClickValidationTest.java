package io.alluvium.flink.realtime.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The realtime job's reading of the contract's clickstream rules: the valid edge cases Silver keeps (spark-jobs
 * EventClassifierTest) are kept, and each kind of fault gets Silver's reason code.
 */
class ClickValidationTest {
    private static final String VALID = "{\"event_id\":\"c1\",\"event_type\":\"view\",\"user_id\":\"u-1\",\"session_id\":\"s-1\","
            + "\"product_id\":\"p-1\",\"city\":\"Berlin\",\"device\":\"web\",\"event_ts\":\"2026-11-01T10:00:00.123Z\"}";

    @Test
    void aValidEventKeepsWhatTheViewsRead() {
        ClickEvent e = validate(VALID).event;

        assertThat(e.eventId).isEqualTo("c1");
        assertThat(e.eventType).isEqualTo("view");
        assertThat(e.userId).isEqualTo("u-1");
        assertThat(e.city).isEqualTo("Berlin");
        assertThat(e.device).isEqualTo("web");
        assertThat(e.eventTs).isEqualTo(Instant.parse("2026-11-01T10:00:00.123Z").toEpochMilli());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "search without product         | \"view\",\"user_id\"|\"search\",\"user_id\"|\"product_id\":\"p-1\"|\"product_id\":null",
        "checkout, product_id absent    | \"view\",\"user_id\"|\"checkout\",\"user_id\"|\"product_id\":\"p-1\",|",
        "instant without milliseconds   | 00.123Z|00Z||",
        "an extra field                 | \"device\"|\"extra\":1,\"device\"||",
    })
    void keepsWhatSilverKeeps(String edge, String replace, String with, String replace2, String with2) {
        String payload = VALID.replace(replace, with);
        if (replace2 != null) {
            payload = payload.replace(replace2, with2 == null ? "" : with2);
        }
        assertThat(payload).isNotEqualTo(VALID);

        assertThat(validate(payload).reason).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing user_id                | missing_field | \"user_id\":\"u-1\",|||",
        "null session_id                | missing_field | \"session_id\":\"s-1\"|\"session_id\":null||",
        "view without product_id        | missing_field | \"product_id\":\"p-1\",|||",
        "add_to_cart null product_id    | missing_field | \"view\"|\"add_to_cart\"|\"product_id\":\"p-1\"|\"product_id\":null",
        "missing city before wrong type | missing_field | \"city\":\"Berlin\",||\"device\":\"web\"|\"device\":5",
        "device as number               | wrong_type    | \"device\":\"web\"|\"device\":5||",
        "user_id as number              | wrong_type    | \"user_id\":\"u-1\"|\"user_id\":1||",
        "product_id as number           | wrong_type    | \"product_id\":\"p-1\"|\"product_id\":1||",
        "event_type as number           | wrong_type    | \"view\"|7||",
        "event_ts not an instant        | wrong_type    | 2026-11-01T10:00:00.123Z|yesterday||",
        "event_ts as number             | wrong_type    | \"2026-11-01T10:00:00.123Z\"|1762000000||",
        "event_type outside the funnel  | invalid_value | \"view\"|\"hover\"||",
        "event_type in capitals         | invalid_value | \"view\"|\"VIEW\"||",
    })
    void rejectsWithSilversReasonCode(String fault, String reason, String replace, String with, String replace2,
            String with2) {
        String payload = VALID.replace(replace, with == null ? "" : with);
        if (replace2 != null) {
            payload = payload.replace(replace2, with2);
        }
        assertThat(payload).isNotEqualTo(VALID);

        assertThat(validate(payload).reason).isEqualTo(reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{\"event_id\": \"c1\", \"event_type\": ", "not json at all", "[1, 2]", "\"view\""})
    void whatIsNotAJsonObjectIsBadJson(String payload) {
        assertThat(validate(payload).reason).isEqualTo("bad_json");
    }

    @Test
    void noPayloadIsBadJson() {
        assertThat(ClickValidation.validate(null).reason).isEqualTo("bad_json");
    }

    private static Checked<ClickEvent> validate(String payload) {
        return ClickValidation.validate(payload.getBytes(StandardCharsets.UTF_8));
    }
}
