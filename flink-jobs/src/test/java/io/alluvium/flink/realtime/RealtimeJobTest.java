package io.alluvium.flink.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.domain.ServingKeys;
import io.alluvium.flink.testing.CraftedOrders.OrderSent;
import io.alluvium.flink.run.StopRequest;
import io.alluvium.flink.testing.CraftedOrders;
import io.alluvium.flink.testing.EmbeddedPlatform;
import io.alluvium.flink.testing.ProtocolCapture;
import io.alluvium.flink.testing.RealtimePlatform;
import io.alluvium.flink.testing.RealtimeRun;
import io.alluvium.runtime.ChildProtocol;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * The realtime job run in this JVM until caught up, against a real broker and a real redis-server, on
 * crafted order events (duplicates, every malformed kind, late within the allowed lateness, too late):
 * the serving store must hold exactly gold.city_hourly_sales' numbers for the events that are not too
 * late, and count every event set aside. Then a run that resumes the savepoint (on the other state
 * backend) must still know the event ids it saw, and a run that lost all state must replay the log into
 * the very same values.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealtimeJobTest {
    private static final OrderSent CREATED_PARIS_10 = new OrderSent("e-01", "created", "Paris", "u-1", "10:05", "2", "10.00");
    private static final OrderSent PAID_PARIS_10 = new OrderSent("e-02", "paid", "Paris", "u-1", "10:20", "2", "10.00");
    private static final OrderSent PAID_PARIS_10_OTHER = new OrderSent("e-03", "paid", "Paris", "u-2", "10:25", "3", "1.85");
    private static final OrderSent PAID_LYON_10 = new OrderSent("e-04", "paid", "Lyon", "u-3", "10:30", "1", "99.99");
    private static final OrderSent CANCELLED_LYON_10 = new OrderSent("e-05", "cancelled", "Lyon", "u-4", "10:40", "1", "10.00");
    private static final OrderSent PAID_PARIS_12 = new OrderSent("e-06", "paid", "Paris", "u-1", "12:30", "1", "0.10");
    private static final OrderSent LATE_PAID_PARIS_11 = new OrderSent("e-07", "paid", "Paris", "u-5", "11:50", "4", "0.25");
    private static final OrderSent CREATED_LYON_14 = new OrderSent("e-08", "created", "Lyon", "u-3", "14:30", "1", "5.00");
    private static final OrderSent TOO_LATE_PARIS_10 = new OrderSent("e-09", "paid", "Paris", "u-6", "10:40", "1", "7.00");
    private static final OrderSent PAID_PARIS_14 = new OrderSent("e-10", "paid", "Paris", "u-1", "14:10", "1", "3.00");

    // one partition, one slot: the watermark is that partition's, so which events are too late
    // follows from the log's order alone (with more partitions, an empty one holds it back)
    @RegisterExtension
    static final RealtimePlatform platform = new RealtimePlatform(Map.of(
            "kafka.partitions", "1",
            "realtime.parallelism", "1",
            "realtime.checkpoint-interval", "500ms",
            "realtime.watermark-delay", "10m",
            "realtime.window-allowed-lateness", "1h",
            "realtime.dedup-retention", "3h"));

    private static CraftedOrders orders;
    private static Map<String, Map<String, String>> afterSecondRun;

    @BeforeAll
    static void openSender() {
        orders = platform.open(CraftedOrders::new);
    }

    @Test
    @Order(1)
    void servingStoreHoldsGoldsNumbersAndCountsEverythingSetAside() throws Exception {
        orders.valid(CREATED_PARIS_10).valid(PAID_PARIS_10).valid(PAID_PARIS_10_OTHER)
                .duplicate(PAID_PARIS_10)
                .valid(PAID_LYON_10).valid(CANCELLED_LYON_10)
                .raw("{\"event_id\": \"bad-1\", \"amount\": 12.5")
                .raw(CREATED_PARIS_10.json().replace("\"city\":\"Paris\",", ""))
                .raw(PAID_PARIS_10.json().replace("\"amount\":20.00", "\"amount\":\"20,00\""))
                .raw(PAID_PARIS_10.json().replace("\"amount\":20.00", "\"amount\":-20.00"))
                .raw(PAID_PARIS_10.json().replace("\"status\":\"paid\"", "\"status\":\"shipped\""))
                .raw(PAID_PARIS_10.json().replace("\"amount\":20.00", "\"amount\":21.00"))
                .valid(PAID_PARIS_12)            // watermark 12:20
                .valid(LATE_PAID_PARIS_11)       // hour 11 closes at 12:00, lateness until 13:00: still counted
                .valid(CREATED_LYON_14)          // watermark 14:20
                .tooLate(TOO_LATE_PARIS_10)      // hour 10 was dropped at 12:00 event time
                .valid(PAID_PARIS_14)
                .duplicate(CREATED_LYON_14);

        JsonNode result = runUntilCaughtUp();

        assertThat(result.get("caught_up").asBoolean()).isTrue();
        assertThat(result.get("resumed_from").isNull()).isTrue();
        assertThat(cityHours()).isEqualTo(orders.expected(ChronoUnit.HOURS));
        assertThat(cityHours().get("city_hour:Paris:2026-11-01T10")).containsEntry("paid_amount", "25.55")
                .containsEntry("distinct_buyers", "2");
        assertThat(counts()).isEqualTo(Map.of("valid", "10", "duplicate", "2", "too_late", "1",
                "rejected:bad_json", "1", "rejected:missing_field", "1", "rejected:wrong_type", "1",
                "rejected:negative_amount", "1", "rejected:invalid_value", "2"));
        try (Jedis redis = RealtimeRun.redis(platform.config())) {
            assertThat(redis.hgetAll(ServingKeys.tooLate("orders"))).containsOnlyKeys(orders.tooLateIds());
        }
        assertThat(result.get("counts").get("orders").get("valid").asLong()).isEqualTo(10);
    }

    @Test
    @Order(2)
    void nextRunResumesItsStateAndStillDropsDuplicatesOfWhatItSaw() throws Exception {
        orders.forgottenCopy(PAID_PARIS_10)     // 10:20 + 3 h retention: forgotten once the watermark passed 13:20
                .duplicate(CREATED_LYON_14)        // 14:30: still remembered
                .valid(new OrderSent("e-11", "paid", "Paris", "u-7", "14:50", "1", "2.50"))
                .valid(new OrderSent("e-12", "created", "Paris", "u-8", "15:05", "1", "1.00")) // watermark 14:55
                .tooLate(new OrderSent("e-13", "paid", "Lyon", "u-3", "12:10", "1", "1.00"));

        // the first run kept its state on the heap; its savepoint resumes on RocksDB as well
        JsonNode result = RealtimeRun.untilCaughtUp(platform.config().with(
                Map.of(AlluviumSettings.REALTIME_STATE_BACKEND, "rocksdb"), "test"));

        assertThat(result.get("resumed_from").asText()).contains("savepoint");
        assertThat(cityHours()).isEqualTo(orders.expected(ChronoUnit.HOURS));
        assertThat(counts()).containsEntry("valid", "14").containsEntry("duplicate", "3")
                .containsEntry("too_late", "3");
        try (Jedis redis = RealtimeRun.redis(platform.config())) {
            assertThat(redis.hgetAll(ServingKeys.tooLate("orders"))).containsOnlyKeys(orders.tooLateIds());
        }
        afterSecondRun = cityHours();
    }

    @Test
    @Order(3)
    void aRunThatLostItsStateReplaysTheLogIntoTheSameValues() throws Exception {
        Map<String, String> countsBefore = counts();
        RealtimeRun.loseAllState(platform.config());

        JsonNode result = runUntilCaughtUp();

        assertThat(result.get("resumed_from").isNull()).isTrue();
        assertThat(cityHours()).isEqualTo(afterSecondRun).isEqualTo(orders.expected(ChronoUnit.HOURS));
        assertThat(counts()).isEqualTo(countsBefore);
    }

    @Test
    @Order(4)
    void anUnreachableServingStoreIsOneLineNamingTheSettings() {
        var noStore = platform.config().with(Map.of("serving.port", Integer.toString(EmbeddedPlatform.freePort())),
                "test");

        assertThatThrownBy(() -> new RealtimeJob(noStore).run(true, new ProtocolCapture().protocol(), new StopRequest()))
                .isInstanceOf(ChildProtocol.BadInputException.class)
                .hasMessageStartingWith("cannot use the serving store at redis://127.0.0.1:")
                .hasMessageContaining("serving.redis-url and serving.password");
    }

    private static JsonNode runUntilCaughtUp() throws Exception {
        return RealtimeRun.untilCaughtUp(platform.config());
    }

    private static Map<String, Map<String, String>> cityHours() {
        return RealtimeRun.hashes(platform.config(), "city_hour:*");
    }

    private static Map<String, String> counts() {
        try (Jedis redis = RealtimeRun.redis(platform.config())) {
            return redis.hgetAll(ServingKeys.counts("orders"));
        }
    }
}
