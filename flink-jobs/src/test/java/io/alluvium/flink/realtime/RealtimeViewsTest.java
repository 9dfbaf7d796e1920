package io.alluvium.flink.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.alluvium.domain.ServingKeys;
import io.alluvium.domain.Topic;
import io.alluvium.flink.testing.CraftedClicks.ClickSent;
import io.alluvium.flink.testing.CraftedOrders.OrderSent;
import io.alluvium.flink.testing.CraftedClicks;
import io.alluvium.flink.testing.CraftedOrders;
import io.alluvium.flink.testing.RealtimePlatform;
import io.alluvium.flink.testing.RealtimeRun;
import io.alluvium.flink.testing.StoreSnapshot;
import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * The realtime job's views beyond city_hour, on crafted clickstream and order events against a real broker
 * and redis-server: the funnel per city and minute and hour, the orders per minute (which add up to the
 * hour's), the per-user features at their boundaries (exactly
 * 5 min and 1 h before the newest event, a new UTC day, equal event times), duplicates counted once,
 * malformed clickstream counted per reason. Then a run that resumes the savepoint, whose first events are
 * too late for windows dropped before the stop, and a run that lost all state and replays the log: both
 * must leave exactly the values an uninterrupted run would.
 *
 * <p>Settings: watermark delay 10 min, allowed lateness 1 h, so an event is too late for its hour (and its
 * minute) once its topic has seen an event_ts 70 min after that hour's end.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealtimeViewsTest {
    private static final ClickSent K01 = new ClickSent("k-01", "view", "Paris", "u-1", "web", "10:00:10");
    private static final ClickSent K03 = new ClickSent("k-03", "view", "Paris", "u-2", "ios", "10:01:05");
    private static final ClickSent F04 = new ClickSent("f-04", "search", "Madrid", "u-9", "ios", "13:55:00.001");
    private static final OrderSent O02 = new OrderSent("o-02", "paid", "Paris", "u-1", "10:20", "2", "10.00");

    // one partition per topic, one slot: which events are too late follows from each topic's order alone
    @RegisterExtension
    static final RealtimePlatform platform = new RealtimePlatform(Map.of(
            "kafka.partitions", "1",
            "realtime.parallelism", "1",
            "realtime.checkpoint-interval", "500ms",
            "realtime.watermark-delay", "10m",
            "realtime.window-allowed-lateness", "1h"));

    private static CraftedClicks clicks;
    private static CraftedOrders orders;
    private static Map<String, String> afterResumedRun;

    @BeforeAll
    static void openSenders() {
        clicks = platform.open(CraftedClicks::new);
        orders = platform.open(CraftedOrders::new);
    }

    @Test
    @Order(1)
    void funnelsMinutesAndUserFeaturesHoldWhatWasSent() throws Exception {
        clicks.valid(K01)
                .valid(new ClickSent("k-02", "search", "Paris", "u-1", "web", "10:00:40"))
                .valid(K03)
                .duplicate(K01)
                .valid(new ClickSent("k-04", "add_to_cart", "Berlin", "u-3", "android", "10:02"))
                .valid(new ClickSent("k-05", "checkout", "Paris", "u-2", "ios", "10:20"))
                .valid(new ClickSent("k-06", "view", "Paris", "u-1", "web", "10:03:30")) // late, within the lateness
                .valid(new ClickSent("k-07", "view", "Paris", "u-4", "android", "10:06"))
                .raw("{\"event_id\": \"k-bad\", \"event_type\": ")
                .raw(K03.json().replace("\"city\":\"Paris\",", ""))
                .raw(K03.json().replace("\"product_id\":\"p-1\"", "\"product_id\":null"))
                .raw(K03.json().replace("\"user_id\":\"u-2\"", "\"user_id\":2"))
                .raw(K03.json().replace("\"" + K03.eventTs() + "\"", "1761991265000"))
                .raw(K03.json().replace("\"event_type\":\"view\"", "\"event_type\":\"hover\""))
                .valid(new ClickSent("k-08", "search", "Berlin", "u-3", "android", "12:30"))
                .tooLate(new ClickSent("k-09", "view", "Paris", "u-5", "web", "10:45"))
                // u-9: exactly 1 h and exactly 5 min before its newest event (o-05, 14:00) are outside
                .valid(new ClickSent("f-01", "view", "Madrid", "u-9", "ios", "13:00:00.000"))
                .valid(new ClickSent("f-02", "view", "Madrid", "u-9", "ios", "13:00:00.001"))
                .valid(new ClickSent("f-03", "search", "Madrid", "u-9", "ios", "13:55:00.000"))
                .valid(F04)
                .valid(new ClickSent("f-05", "add_to_cart", "Madrid", "u-9", "android", "13:59:59.000"))
                .duplicate(F04)
                // u-7: two events at the same time; the greater event_id is the last, whatever arrives last
                .valid(new ClickSent("t-71", "view", "Berlin", "u-7", "ios", "14:10"))
                .valid(new ClickSent("t-70", "view", "Paris", "u-7", "web", "14:10"))
                .valid(new ClickSent("d-01", "search", "Rome", "u-8", "web", "2026-11-02T00:00:00.000Z"));
        orders.valid(new OrderSent("o-01", "created", "Paris", "u-1", "10:05", "2", "10.00"))
                .valid(O02)
                .duplicate(O02)
                .valid(new OrderSent("o-03", "paid", "Paris", "u-2", "10:25", "3", "1.85"))
                .valid(new OrderSent("o-04", "paid", "Paris", "u-6", "10:08", "1", "4.00"))
                .valid(new OrderSent("o-11", "paid", "Paris", "u-2", "10:25:30", "1", "0.15")) // u-2's second, same minute
                .valid(new OrderSent("o-05", "paid", "Lyon", "u-9", "14:00:00.000", "1", "12.50"))
                // u-8: paid on the 1st, then a new UTC day, then a late payment for the 1st
                .valid(new OrderSent("o-06", "paid", "Rome", "u-8", "23:59:59.999", "1", "20.00"))
                .valid(new OrderSent("o-07", "paid", "Rome", "u-8", "2026-11-02T00:10:00.000Z", "1", "5.00"))
                .valid(new OrderSent("o-08", "paid", "Rome", "u-8", "23:00", "1", "3.00"));

        RealtimeRun.untilCaughtUp(platform.config());

        assertThat(hashes("funnel_minute:*")).isEqualTo(clicks.expected(ChronoUnit.MINUTES));
        assertThat(hashes("funnel_hour:*")).isEqualTo(clicks.expected(ChronoUnit.HOURS));
        assertThat(hashes("funnel_hour:*").get("funnel_hour:Paris:2026-11-01T10")).containsEntry("view", "4")
                .containsEntry("search", "1").containsEntry("checkout", "1");
        assertThat(hashes("city_minute:*")).isEqualTo(orders.expected(ChronoUnit.MINUTES));
        assertThat(hashes("city_hour:*")).isEqualTo(orders.expected(ChronoUnit.HOURS));
        assertThat(hashes("city_hour:*").get("city_hour:Paris:2026-11-01T10")).containsEntry("orders_paid", "4")
                .containsEntry("distinct_buyers", "3");
        assertThat(hashes("city_minute:*").get("city_minute:Paris:2026-11-01T10:25"))
                .containsEntry("orders_paid", "2").containsEntry("distinct_buyers", "1");
        assertMinutesAddUpToTheirHour();
        assertThat(counts(Topic.CLICKSTREAM)).isEqualTo(Map.of("valid", "17", "duplicate", "2", "too_late", "1",
                "rejected:bad_json", "1", "rejected:missing_field", "2",
                "rejected:wrong_type", "2", "rejected:invalid_value", "1"));
        try (Jedis redis = RealtimeRun.redis(platform.config())) {
            // the cities with sales (Berlin and Madrid have clicks only)
            assertThat(redis.smembers(ServingKeys.CITIES)).containsExactlyInAnyOrder("Paris", "Lyon", "Rome");
            assertThat(redis.hgetAll(ServingKeys.tooLate("clickstream"))).containsOnlyKeys(clicks.tooLateIds());
        }
        assertThat(user("u-9")).isEqualTo(features("3", "5", "12.50", "2026-11-01", "2026-11-01T14:00:00Z", "Lyon",
                "android"));
        assertThat(user("u-7")).isEqualTo(features("2", "2", "0.00", "2026-11-01", "2026-11-01T14:10:00Z", "Berlin",
                "ios"));
        assertThat(user("u-8")).isEqualTo(features("1", "3", "5.00", "2026-11-02", "2026-11-02T00:10:00Z", "Rome",
                "web"));
        assertThat(user("u-6")).doesNotContainKey("last_device"); // orders have no device
    }

    @Test
    @Order(2)
    void aResumedRunFindsTheSameEventsTooLateAsAnUninterruptedOne() throws Exception {
        // each topic's first event after the restart belongs to a window dropped before the stop; then late
        // events for windows still kept (o-10 adds a minute to an hour that has two)
        clicks.tooLate(new ClickSent("k-10", "view", "Paris", "u-5", "web", "10:50"))
                .valid(new ClickSent("k-11", "checkout", "Rome", "u-8", "web", "2026-11-02T00:20:00.000Z"))
                .valid(new ClickSent("k-12", "view", "Rome", "u-8", "web", "23:30"))
                .duplicate(F04);
        orders.tooLate(new OrderSent("o-09", "paid", "Paris", "u-1", "10:30", "1", "1.00"))
                .valid(new OrderSent("o-10", "paid", "Rome", "u-8", "23:45", "1", "2.00"));

        assertThat(RealtimeRun.untilCaughtUp(platform.config()).get("resumed_from").isNull()).isFalse();

        assertThat(hashes("funnel_minute:*")).isEqualTo(clicks.expected(ChronoUnit.MINUTES));
        assertThat(hashes("funnel_hour:*")).isEqualTo(clicks.expected(ChronoUnit.HOURS));
        assertThat(hashes("city_minute:*")).isEqualTo(orders.expected(ChronoUnit.MINUTES));
        assertThat(hashes("city_hour:*")).isEqualTo(orders.expected(ChronoUnit.HOURS));
        assertMinutesAddUpToTheirHour();
        assertThat(hashes("city_hour:Rome:2026-11-01T23").get("city_hour:Rome:2026-11-01T23"))
                .containsEntry("orders_paid", "3").containsEntry("paid_amount", "25.00");
        assertThat(counts(Topic.CLICKSTREAM)).containsEntry("valid", "20").containsEntry("duplicate", "3")
                .containsEntry("too_late", "2");
        assertThat(counts(Topic.ORDERS)).containsEntry("valid", "11").containsEntry("too_late", "1");
        // 23:30 and 23:45 of the 1st are within the hour before u-8's newest event (00:20 of the 2nd); not
        // on its day, so they spend nothing today
        assertThat(user("u-8")).isEqualTo(features("1", "6", "5.00", "2026-11-02", "2026-11-02T00:20:00Z", "Rome",
                "web"));
        afterResumedRun = StoreSnapshot.of(platform.config());
    }

    @Test
    @Order(3)
    void aRunThatLostItsStateReplaysTheLogIntoTheSameValues() throws Exception {
        RealtimeRun.loseAllState(platform.config());

        assertThat(RealtimeRun.untilCaughtUp(platform.config()).get("resumed_from").isNull()).isTrue();

        assertThat(StoreSnapshot.of(platform.config())).isEqualTo(afterResumedRun);
    }

    /** Per city and hour, the minutes' orders add up to the hour's: every additive field, to the cent. */
    private static void assertMinutesAddUpToTheirHour() {
        Map<String, Map<String, BigDecimal>> fromMinutes = new TreeMap<>();
        hashes("city_minute:*").forEach((key, minute) ->
                add(fromMinutes, key.substring("city_minute:".length(), key.length() - 3), minute));
        Map<String, Map<String, BigDecimal>> hours = new TreeMap<>();
        hashes("city_hour:*").forEach((key, hour) -> add(hours, key.substring("city_hour:".length()), hour));
        assertThat(fromMinutes).isEqualTo(hours).hasSizeGreaterThan(2);
    }

    private static void add(Map<String, Map<String, BigDecimal>> sums, String cityHour, Map<String, String> hash) {
        Map<String, BigDecimal> sum = sums.computeIfAbsent(cityHour, k -> new TreeMap<>());
        for (String field : List.of("orders_created", "orders_paid", "orders_cancelled", "paid_amount", "items_sold")) {
            sum.merge(field, new BigDecimal(hash.get(field)), BigDecimal::add);
        }
    }

    private static Map<String, String> features(String events5m, String events1h, String spendToday, String spendDay,
            String lastEventTs, String lastCity, String lastDevice) {
        return Map.of("events_5m", events5m, "events_1h", events1h, "spend_today", spendToday, "spend_day", spendDay,
                "last_event_ts", lastEventTs, "last_city", lastCity, "last_device", lastDevice);
    }

    private static Map<String, String> user(String userId) {
        return hashes(ServingKeys.user(userId)).getOrDefault(ServingKeys.user(userId), Map.of());
    }

    private static Map<String, String> counts(Topic topic) {
        return hashes(ServingKeys.counts(topic.topicName())).get(ServingKeys.counts(topic.topicName()));
    }

    private static Map<String, Map<String, String>> hashes(String pattern) {
        return RealtimeRun.hashes(platform.config(), pattern);
    }
}
