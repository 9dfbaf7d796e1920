package io.alluvium.spark;

import static io.alluvium.spark.Events.click;
import static io.alluvium.spark.Events.item;
import static io.alluvium.spark.Events.json;
import static io.alluvium.spark.Events.order;
import static io.alluvium.spark.Events.payment;
import static io.alluvium.spark.Events.with;
import static io.alluvium.spark.Events.without;
import static org.assertj.core.api.Assertions.assertThat;

import io.alluvium.contract.EventContracts;
import io.alluvium.domain.Topic;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Every reason code of docs/events.md, and the valid edge cases that must not be quarantined. */
class EventClassifierTest {
    private static final Map<String, Object> CLICK =
            click("c1", "view", "u-1", "s-1", "p-1", "Berlin", "web", "2026-11-01T10:00:00.000Z");
    private static final Map<String, Object> ORDER = order("o1", "o-1", "u-1", "Berlin",
            List.of(item("p-1", 2, "10.25"), item("p-2", 1, "0.50")), "21.00", "created", "2026-11-01T10:00:00.000Z");
    private static final Map<String, Object> PAYMENT =
            payment("pay1", "pm-1", "o-1", "u-1", "21.00", "authorized", "DE", "2026-11-01T10:00:00.000Z");

    @Test
    void clickstreamReasons() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(json(CLICK), null);
        cases.put(json(with(with(CLICK, "event_type", "search"), "product_id", null)), null);
        cases.put(json(without(with(CLICK, "event_type", "checkout"), "product_id")), null);
        cases.put(json(with(CLICK, "event_ts", "2026-11-01T10:00:00Z")), null);
        cases.put(json(with(CLICK, "extra", 1)), null);
        cases.put("{\"event_id\": \"c1\", \"event_type\": ", "bad_json");
        cases.put("not json at all", "bad_json");
        cases.put("[1, 2]", "bad_json");
        cases.put(null, "bad_json");
        cases.put(json(without(CLICK, "user_id")), "missing_field");
        cases.put(json(with(CLICK, "session_id", null)), "missing_field");
        cases.put(json(without(CLICK, "product_id")), "missing_field");
        cases.put(json(with(CLICK, "device", 5)), "wrong_type");
        cases.put(json(with(CLICK, "event_ts", "yesterday")), "wrong_type");
        cases.put(json(with(CLICK, "event_ts", 1762000000)), "wrong_type");
        cases.put(json(with(CLICK, "event_type", "hover")), "invalid_value");
        assertReasons(Topic.CLICKSTREAM, cases);
    }

    @Test
    void ordersReasons() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(json(ORDER), null);
        cases.put(json(with(ORDER, "coupon_code", "WELCOME10")), null);
        cases.put(json(with(ORDER, "coupon_code", null)), null);
        cases.put(json(with(ORDER, "amount", new BigDecimal("-21.00"))), "negative_amount");
        cases.put(json(with(ORDER, "amount", "12,50")), "wrong_type");
        cases.put(json(with(ORDER, "items", List.of(item("p-1", "two", "10.25")))), "wrong_type");
        cases.put(json(with(ORDER, "items", "p-1")), "wrong_type");
        cases.put(json(with(ORDER, "coupon_code", 10)), "wrong_type");
        cases.put(json(without(ORDER, "items")), "missing_field");
        cases.put(json(with(ORDER, "items", List.of(Events.without(item("p-1", 2, "10.25"), "qty")))), "missing_field");
        cases.put(json(with(ORDER, "status", "shipped")), "invalid_value");
        cases.put(json(with(ORDER, "amount", new BigDecimal("20.00"))), "invalid_value");
        cases.put(json(with(ORDER, "amount", new BigDecimal("21.001"))), "invalid_value");
        cases.put(json(with(ORDER, "items", List.of())), "invalid_value");
        assertReasons(Topic.ORDERS, cases);
    }

    @Test
    void paymentsReasons() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(json(PAYMENT), null);
        cases.put(json(with(PAYMENT, "amount", 0)), null);
        cases.put(json(with(PAYMENT, "amount", new BigDecimal("-0.01"))), "negative_amount");
        cases.put(json(with(PAYMENT, "amount", "x")), "wrong_type");
        cases.put(json(without(PAYMENT, "card_fingerprint")), "missing_field");
        cases.put(json(with(PAYMENT, "status", "pending")), "invalid_value");
        assertReasons(Topic.PAYMENTS, cases);
    }

    @Test
    void validRowsAreTypedExactly() {
        EventClassifier classifier = new EventClassifier(EventContracts.of(Topic.ORDERS));
        Row typed = classifier.classify(bronze(List.of(json(with(ORDER, "coupon_code", "WELCOME10")))))
                .select(classifier.typed().toArray(org.apache.spark.sql.Column[]::new)).first();
        assertThat(typed.<BigDecimal>getAs("amount")).isEqualByComparingTo("21.00");
        assertThat(typed.<Instant>getAs("event_ts")).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
        assertThat(typed.<String>getAs("coupon_code")).isEqualTo("WELCOME10");
        Row firstItem = typed.<scala.collection.Seq<Row>>getAs("items").apply(0);
        assertThat(firstItem.<Integer>getAs("qty")).isEqualTo(2);
        assertThat(firstItem.<BigDecimal>getAs("unit_price")).isEqualByComparingTo("10.25");
    }

    private static void assertReasons(Topic topic, Map<String, String> expected) {
        List<String> payloads = new ArrayList<>(expected.keySet());
        List<Row> rows = new EventClassifier(EventContracts.of(topic)).classify(bronze(payloads))
                .orderBy("kafka_offset").select("payload", EventClassifier.REASON, EventClassifier.DETAIL).collectAsList();
        Map<String, String> actual = new LinkedHashMap<>();
        for (Row r : rows) {
            actual.put(r.getString(0), r.getString(1));
            if (r.getString(1) != null) {
                assertThat(r.getString(2)).as("detail of " + r.getString(0)).isNotBlank();
            }
        }
        assertThat(actual).containsExactlyEntriesOf(expected);
    }

    private static Dataset<Row> bronze(List<String> payloads) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            rows.add(RowFactory.create(0, (long) i, payloads.get(i)));
        }
        return TestLake.spark().createDataFrame(rows,
                StructType.fromDDL("kafka_partition int, kafka_offset bigint, payload string"));
    }
}
