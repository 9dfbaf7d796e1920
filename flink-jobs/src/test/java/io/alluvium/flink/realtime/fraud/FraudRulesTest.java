package io.alluvium.flink.realtime.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.domain.ServingFields;
import io.alluvium.domain.ServingKeys;
import io.alluvium.domain.Topic;
import io.alluvium.flink.testing.CraftedPayments;
import io.alluvium.flink.testing.RealtimePlatform;
import io.alluvium.flink.testing.RealtimeRun;
import io.alluvium.flink.testing.ServedAlerts;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * The fraud rules in the realtime job, run in this JVM until caught up against a real broker and a real
 * redis-server, on crafted payments and orders at each rule's boundaries (N and N+1 payments in the
 * window, exactly one window apart, amount exactly and just over factor × average, a history one short,
 * K-1 and K declines, the order before, after, too far, never, in an unknown city), sent out of order
 * within the watermark delay, duplicated, behind their partition, malformed. Default thresholds: more
 * than 5 payments in 60 s, 5 × the average of at least 5, 3 declines, order within 1 h. Then a run
 * that resumes the savepoint must carry the rules' state on, and a run that lost all state must replay
 * the log into the very same alerts and counts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FraudRulesTest {
    private static final String FR = "FR";
    private static final String ORDER = "o-fr";

    // one partition, one slot: which payments are behind follows from the log's order alone
    @RegisterExtension
    static final RealtimePlatform platform = new RealtimePlatform(Map.of(
            "kafka.partitions", "1",
            "realtime.parallelism", "1",
            "realtime.checkpoint-interval", "500ms",
            "realtime.watermark-delay", "10m"));

    private static CraftedPayments sent;
    private static Map<String, Map<String, String>> alertsAfterSecondRun;
    private static Map<String, String> countsAfterSecondRun;

    @BeforeAll
    static void openSender() {
        sent = platform.open(CraftedPayments::new);
    }

    @Test
    @Order(1)
    void eachRuleAlertsJustOverItsThresholdOnceAndCountsWhatItSetsAside() throws Exception {
        sent.order("oe-fr", ORDER, "Paris", "09:59:00").order("oe-ipb", "o-ipb", "Paris", "10:00:00")
                .order("oe-ipa", "o-ipa", "Paris", "10:30:00").order("oe-ipm", "o-ipm", "Paris", "10:59:00")
                .order("oe-ipu", "o-ipu", "Atlantis", "10:59:30").order("oe-ipf", "o-ipf", "Paris", "11:30:00")
                .order("oe-clock1", "o-clock1", "Paris", "2026-11-02T00:00:00.000Z");
        burst("v4", "10:00:00", "10:00:10", "10:00:20", "10:00:30", "10:00:40");            // 5 in 60 s: no
        burst("v6", "10:00:00", "10:00:10", "10:00:20", "10:00:30", "10:00:40", "10:00:50"); // 6: alert
        burst("v60", "10:00:00", "10:00:10", "10:00:20", "10:00:30", "10:00:40", "10:01:00"); // 60 s apart: no
        burst("v7", "10:00:00", "10:00:05", "10:00:10", "10:00:15", "10:00:20", "10:00:25", "10:00:30"); // once
        for (int i = 6; i >= 1; i--) { // sent newest first: evaluated in event-time order all the same
            sent.pay("p-vooo-" + i, "c-vooo", "u-vooo", ORDER, "10.00", "authorized", FR, "10:00:" + (i - 1) + "0");
        }
        history("spike", 5, "10.00", "authorized").pay("p-spike-6", "c-spike", "u-spike", ORDER, "50.01",
                "authorized", FR, "10:05:00");                                                   // > 5 × 10.00
        history("equal", 5, "10.00", "authorized").pay("p-equal-6", "c-equal", "u-equal", ORDER, "50.00",
                "authorized", FR, "10:05:00");                                                   // = 5 × 10.00
        history("short", 4, "10.00", "authorized").pay("p-short-5", "c-short", "u-short", ORDER, "100.00",
                "authorized", FR, "10:04:00");                                                   // 4 earlier
        history("decl", 4, "10.00", "authorized").pay("p-decl-5", "c-decl", "u-decl", ORDER, "10.00", "declined",
                FR, "10:04:00").pay("p-decl-6", "c-decl", "u-decl", ORDER, "100.00", "authorized", FR, "10:05:00");
        history("d3", 3, "10.00", "declined").pay("p-d3-4", "c-d3", "u-d3", ORDER, "10.00", "authorized", FR,
                "10:03:00");                                                                     // 3 declines
        history("d2", 2, "10.00", "declined").pay("p-d2-3", "c-d2", "u-d2", ORDER, "10.00", "authorized", FR,
                "10:02:00");                                                                     // 2 declines
        sent.pay("p-db-1", "c-db", "u-db", ORDER, "10.00", "declined", FR, "10:00:00")
                .pay("p-db-2", "c-db", "u-db", ORDER, "10.00", "declined", FR, "10:01:00")
                .pay("p-db-3", "c-db", "u-db", ORDER, "10.00", "authorized", FR, "10:02:00")
                .pay("p-db-4", "c-db", "u-db", ORDER, "10.00", "declined", FR, "10:03:00")
                .pay("p-db-5", "c-db", "u-db", ORDER, "10.00", "authorized", FR, "10:04:00");  // runs of 2 and 1
        sent.pay("p-ipb", "c-ipb", "u-ipb", "o-ipb", "10.00", "authorized", "DE", "10:05:00")   // order before
                .pay("p-ipa", "c-ipa", "u-ipa", "o-ipa", "10.00", "authorized", "US", "10:00:00") // order 30 min after
                .pay("p-ipm", "c-ipm", "u-ipm", "o-ipm", "10.00", "authorized", FR, "10:00:00")   // same country
                .pay("p-ipu", "c-ipu", "u-ipu", "o-ipu", "10.00", "authorized", FR, "10:00:00")   // unknown city
                .pay("p-ipf", "c-ipf", "u-ipf", "o-ipf", "10.00", "authorized", "US", "10:00:00") // order 90 min after
                .pay("p-ipn", "c-ipn", "u-ipn", "o-none", "10.00", "authorized", "US", "10:00:00"); // no order
        history("hist", 5, "20.00", "authorized");                                               // spike in run 2
        burst("vlate", "10:00:00", "10:00:10", "10:00:20", "10:00:30", "10:00:40");
        sent.pay("p-advance", "c-adv", "u-adv", ORDER, "10.00", "authorized", FR, "10:30:00")
                .pay("p-vlate-6", "c-vlate", "u-vlate", ORDER, "10.00", "authorized", FR, "10:00:50") // behind
                .duplicate("p-v6-6")
                .raw("{\"event_id\": \"bad-1\", \"amount\": 12.5")
                .raw(sent.json("p-ipm").replace("\"card_fingerprint\":\"c-ipm\",", ""))
                .raw(sent.json("p-ipm").replace("\"amount\":10.00", "\"amount\":\"10,00\""))
                .raw(sent.json("p-ipm").replace("\"amount\":10.00", "\"amount\":-10.00"))
                .raw(sent.json("p-ipm").replace("\"status\":\"authorized\"", "\"status\":\"approved\""))
                .pay("p-clock1", "c-clock1", "u-clock1", "o-clock1", "10.00", "authorized", FR,
                        "2026-11-02T00:00:00.000Z");                                             // moves the watermark

        JsonNode result = runUntilCaughtUp();

        assertThat(result.get("resumed_from").isNull()).isTrue();
        Map<String, Map<String, String>> alerts = alerts();
        assertThat(alerts).containsOnlyKeys("card_velocity:p-v6-6", "card_velocity:p-v7-6", "card_velocity:p-vooo-6",
                "amount_spike:p-spike-6", "declines_then_approval:p-d3-4", "ip_country_mismatch:p-ipb",
                "ip_country_mismatch:p-ipa");
        assertThat(alerts.get("card_velocity:p-v6-6")).containsEntry("rule", "card_velocity")
                .containsEntry("user_id", "u-v6").containsEntry("card_fingerprint", "c-v6")
                .containsEntry("event_ts", "2026-11-01T10:00:50Z")
                .containsEntry("event_ids", "[\"p-v6-1\",\"p-v6-2\",\"p-v6-3\",\"p-v6-4\",\"p-v6-5\",\"p-v6-6\"]")
                .containsEntry("evidence", "{\"payments\":6,\"window_ms\":60000,\"max_payments\":5}");
        assertThat(alerts.get("card_velocity:p-v6-6").keySet()).isEqualTo(ServingFields.ALERT.keySet());
        assertThat(alerts.get("card_velocity:p-v7-6").get("event_ids")).doesNotContain("p-v7-7");
        assertThat(alerts.get("card_velocity:p-vooo-6").get("event_ids"))
                .isEqualTo("[\"p-vooo-1\",\"p-vooo-2\",\"p-vooo-3\",\"p-vooo-4\",\"p-vooo-5\",\"p-vooo-6\"]");
        assertThat(alerts.get("amount_spike:p-spike-6")).containsEntry("event_ids", "[\"p-spike-6\"]")
                .containsEntry("evidence", "{\"amount\":\"50.01\",\"running_average\":\"10.00\","
                        + "\"earlier_payments\":5,\"factor\":5.0}");
        assertThat(alerts.get("declines_then_approval:p-d3-4"))
                .containsEntry("event_ids", "[\"p-d3-1\",\"p-d3-2\",\"p-d3-3\",\"p-d3-4\"]")
                .containsEntry("evidence", "{\"declines\":3,\"min_declines\":3}");
        assertThat(alerts.get("ip_country_mismatch:p-ipb")).containsEntry("event_ids", "[\"p-ipb\",\"oe-ipb\"]")
                .containsEntry("evidence", "{\"ip_country\":\"DE\",\"order_id\":\"o-ipb\",\"order_city\":\"Paris\","
                        + "\"city_country\":\"FR\"}");
        assertThat(alerts.get("ip_country_mismatch:p-ipa").get("event_ids")).isEqualTo("[\"p-ipa\",\"oe-ipa\"]");
        Map<String, Long> byTime = new HashMap<>();
        alerts.forEach((id, hash) -> byTime.put(id, Instant.parse(hash.get("event_ts")).toEpochMilli()));
        try (Jedis redis = redis()) {
            assertThat(ServedAlerts.byTime(redis)).isEqualTo(byTime);
            assertThat(redis.hgetAll(ServingKeys.counts(Alert.COUNTS))).isEqualTo(Map.of("card_velocity", "3",
                    "amount_spike", "1", "declines_then_approval", "1", "ip_country_mismatch", "2"));
            assertThat(redis.hgetAll(ServingKeys.tooLate("payments"))).containsOnlyKeys("p-vlate-6");
        }
        assertThat(paymentCounts()).isEqualTo(Map.of("valid", Long.toString(sent.distinctValid()),
                "duplicate", "1", "too_late", "1", "without_order", "2", "unknown_city", "1",
                "rejected:bad_json", "1", "rejected:missing_field", "1", "rejected:wrong_type", "1",
                "rejected:negative_amount", "1", "rejected:invalid_value", "1"));
        assertThat(result.get("counts").get("alerts").get("card_velocity").asLong()).isEqualTo(3);
    }

    @Test
    @Order(2)
    void theNextRunCarriesTheRulesStateOn() throws Exception {
        sent.order("oe-clock2", "o-clock2", "Paris", "2026-11-02T09:59:00.000Z")
                .order("oe-clock3", "o-clock3", "Paris", "2026-11-03T00:00:00.000Z")
                .pay("p-hist-6", "c-hist", "u-hist", "o-clock2", "100.01", "authorized", FR, "2026-11-02T10:00:00.000Z")
                .duplicate("p-v6-6")
                .pay("p-clock3", "c-clock3", "u-clock3", "o-clock3", "10.00", "authorized", FR,
                        "2026-11-03T00:00:00.000Z");

        JsonNode result = runUntilCaughtUp();

        assertThat(result.get("resumed_from").isNull()).isFalse();
        alertsAfterSecondRun = alerts();
        assertThat(alertsAfterSecondRun).hasSize(8).containsKey("amount_spike:p-hist-6");
        assertThat(alertsAfterSecondRun.get("amount_spike:p-hist-6").get("evidence"))
                .isEqualTo("{\"amount\":\"100.01\",\"running_average\":\"20.00\",\"earlier_payments\":5,"
                        + "\"factor\":5.0}");
        countsAfterSecondRun = paymentCounts();
        assertThat(countsAfterSecondRun).containsEntry("duplicate", "2").containsEntry("without_order", "2")
                .containsEntry("valid", Long.toString(sent.distinctValid()));
    }

    @Test
    @Order(3)
    void aRunThatLostItsStateReplaysTheLogIntoTheSameAlerts() throws Exception {
        RealtimeRun.loseAllState(platform.config());
        try (Jedis redis = redis()) {
            redis.flushAll(); // nothing of the earlier runs left to be mistaken for the replay's
        }

        JsonNode result = runUntilCaughtUp();

        assertThat(result.get("resumed_from").isNull()).isTrue();
        assertThat(alerts()).isEqualTo(alertsAfterSecondRun);
        assertThat(paymentCounts()).isEqualTo(countsAfterSecondRun);
    }

    /** Payments of one card and user, 10.00 each, at these times. */
    private static void burst(String name, String... times) {
        for (int i = 0; i < times.length; i++) {
            sent.pay("p-" + name + "-" + (i + 1), "c-" + name, "u-" + name, ORDER, "10.00", "authorized", FR, times[i]);
        }
    }

    /** {@code n} payments of one card and user, one minute apart from 10:00. */
    private static CraftedPayments history(String name, int n, String amount, String status) {
        for (int i = 0; i < n; i++) {
            sent.pay("p-" + name + "-" + (i + 1), "c-" + name, "u-" + name, ORDER, amount, status, FR,
                    "10:0" + i + ":00");
        }
        return sent;
    }

    private static JsonNode runUntilCaughtUp() throws Exception {
        return RealtimeRun.untilCaughtUp(platform.config());
    }

    private static Map<String, Map<String, String>> alerts() {
        try (Jedis redis = redis()) {
            return ServedAlerts.hashes(redis);
        }
    }

    private static Map<String, String> paymentCounts() {
        try (Jedis redis = redis()) {
            return redis.hgetAll(ServingKeys.counts(Topic.PAYMENTS.topicName()));
        }
    }

    private static Jedis redis() {
        return RealtimeRun.redis(platform.config());
    }
}
