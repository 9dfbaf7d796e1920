package io.alluvium.flink.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alluvium.domain.Topic;
import io.alluvium.flink.run.StopRequest;
import io.alluvium.flink.testing.CraftedClicks;
import io.alluvium.flink.testing.CraftedRecords;
import io.alluvium.flink.testing.ProtocolCapture;
import io.alluvium.flink.testing.RealtimePlatform;
import io.alluvium.flink.testing.RealtimeRun;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * A partition that is being read through a backlog must not be declared idle, however long it delivers
 * nothing: otherwise the other partitions push the watermark past its events and they become too late,
 * and what the store holds depends on how fast the partitions were read rather than on the log.
 *
 * <p>The silence is made by the log, not by load: clickstream partition 1 holds one record written
 * well before the job starts (so it is read long after its Kafka timestamp, as a backlog is), then
 * nothing while partition 0 runs hours ahead in event time, then an event of the first hour. With
 * idleness on processing time alone (Flink's {@code withIdleness}), partition 1 is idle after
 * {@code realtime.idle-partition-timeout} (1 s here), the watermark follows partition 0 and the
 * event is too late; the job must count it in its hour instead, as a run that read both partitions at
 * the same pace would.
 */
class IdlePartitionTest {
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);

    @RegisterExtension
    static final RealtimePlatform platform = new RealtimePlatform(Map.of(
            "kafka.partitions", "2",
            "realtime.parallelism", "1",
            "realtime.checkpoint-interval", "500ms",
            "realtime.idle-partition-timeout", IDLE_TIMEOUT.toMillis() + "ms",
            "realtime.watermark-delay", "5m",
            "realtime.window-allowed-lateness", "1h",
            "realtime.dedup-retention", "3h"));

    private static CraftedRecords records;

    @BeforeAll
    static void openSender() {
        records = platform.open(CraftedRecords::new);
    }

    @Test
    void aPartitionWhoseLastRecordWasOldIsNotIdleHoweverLongItIsSilent() throws Exception {
        records.send(Topic.CLICKSTREAM, 0, click("c-0-00", "00:00:00"));
        records.send(Topic.CLICKSTREAM, 1, click("c-1-00", "00:00:10"));
        // the job reads these well after their Kafka timestamps, as it reads a backlog
        Thread.sleep(3 * IDLE_TIMEOUT.toMillis());

        StopRequest stop = new StopRequest();
        CompletableFuture<String> job = CompletableFuture.supplyAsync(() -> {
            try {
                return new RealtimeJob(platform.config()).run(false, new ProtocolCapture().protocol(), stop);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            awaitValid(2);
            // partition 0 runs 6 hours ahead; partition 1 delivers nothing for many idle timeouts
            for (int hour = 1; hour <= 6; hour++) {
                records.send(Topic.CLICKSTREAM, 0, click("c-0-0" + hour, "0" + hour + ":00:00"));
            }
            awaitValid(8);
            Thread.sleep(5 * IDLE_TIMEOUT.toMillis());
            // in partition 1's order (after 00:00:10), in hour 00: closed at 02:00 only if partition 1 was idle
            records.send(Topic.CLICKSTREAM, 1, click("c-1-30", "00:30:00"));
            awaitValid(9);

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(RealtimeRun.hashes(platform.config(), "funnel_hour:Paris:2026-11-01T00")
                            .get("funnel_hour:Paris:2026-11-01T00"))
                            .as("hour 00 holds both partitions' events; too late: %s", tooLate())
                            .containsEntry("view", "3"));
            assertThat(tooLate()).isEmpty();
            assertThat(counts()).doesNotContainKey("too_late").containsEntry("valid", "9");
        } finally {
            stop.request();
            job.get(3, TimeUnit.MINUTES);
        }
    }

    private static String click(String eventId, String time) {
        return new CraftedClicks.ClickSent(eventId, "view", "Paris", "u-1", "mobile", time + ".000").json();
    }

    private static void awaitValid(long valid) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(counts().get("valid")).isEqualTo(Long.toString(valid)));
    }

    private static Map<String, String> counts() {
        try (Jedis redis = RealtimeRun.redis(platform.config())) {
            return redis.hgetAll("realtime:clickstream:counts");
        }
    }

    private static Map<String, String> tooLate() {
        try (Jedis redis = RealtimeRun.redis(platform.config())) {
            return redis.hgetAll("realtime:clickstream:too_late");
        }
    }
}
