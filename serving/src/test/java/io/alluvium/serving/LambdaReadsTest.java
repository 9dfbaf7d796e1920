package io.alluvium.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.domain.BatchVersion;
import io.alluvium.domain.ServingKeys;
import io.alluvium.runtime.BatchViewPublisher;
import io.alluvium.runtime.ServingStoreConnections;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * The batch view and the merged (Lambda) reads on a real redis-server (flink-jobs/REALTIME.md, *Batch view*): batch
 * versions written by the publisher the batch job uses, speed keys as the realtime job writes them, answers through
 * the API and {@link CityHourReads}: which hours come from which view, what a publish deletes and leaves, and that
 * a reader polling while versions switch sees one whole version every time.
 */
class LambdaReadsTest {
    private static final Instant H08 = Instant.parse("2026-11-01T08:00:00Z");
    private static final Instant H09 = H08.plus(Duration.ofHours(1));
    private static final Instant H10 = H08.plus(Duration.ofHours(2));
    private static final Instant H11 = H08.plus(Duration.ofHours(3));

    @RegisterExtension
    static final ServedStore served = new ServedStore();

    @Test
    void lambdaAnswersTheBatchUpToTheWatermarkAndTheSpeedViewAfterItEachRowSayingWhich() throws Exception {
        for (Instant hour : List.of(H08, H09, H10, H11)) {
            speed("Paris", hour, 100);
        }
        speed("Berlin", H11, 300);
        served.store().writer().sadd(ServingKeys.CITIES, "Paris", "Berlin");
        try (Jedis redis = connect()) {
            new BatchViewPublisher(redis).publish(77, () -> new BatchViewPublisher.Content(H09,
                    List.of(gold("Paris", H08, 1), gold("Paris", H09, 2), gold("Paris", H10, 3), gold("Rome", H08, 4))));
        }

        JsonNode body = ServingApiTest.request(served.api(), "GET", "/cities/hours?from=2026-11-01T08&to=2026-11-01T12")
                .body();

        assertThat(body.path("serving_view").asText()).isEqualTo("lambda");
        assertThat(body.path("batch").path("watermark").asText()).isEqualTo("2026-11-01T09:00:00Z");
        assertThat(body.path("batch").path("gold_snapshot_id").asText()).isEqualTo("77");
        assertThat(body.path("batch").path("version").asLong()).isEqualTo(1);
        // hours 08 and 09 from the batch (its cities: Paris, Rome), 10 and 11 from the speed view (Berlin, Paris)
        assertThat(rows(body)).containsExactly(
                "batch Paris 2026-11-01T08:00:00Z 1", "batch Rome 2026-11-01T08:00:00Z 4",
                "batch Paris 2026-11-01T09:00:00Z 2",
                "speed Paris 2026-11-01T10:00:00Z 100",
                "speed Berlin 2026-11-01T11:00:00Z 300", "speed Paris 2026-11-01T11:00:00Z 100");
        assertThat(body.path("totals").path("orders_created").asLong()).isEqualTo(1 + 4 + 2 + 100 + 300 + 100);
        assertThat(body.path("totals").path("source").asText()).isEqualTo("lambda");

        JsonNode paris = ServingApiTest.request(served.api(), "GET",
                "/cities/hours?from=2026-11-01T09&to=2026-11-01T11&city=Paris").body();
        assertThat(rows(paris)).containsExactly("batch Paris 2026-11-01T09:00:00Z 2",
                "speed Paris 2026-11-01T10:00:00Z 100");
    }

    @Test
    void theSpeedAndBatchViewsEachReadOneSideOnly() {
        speed("Paris", H08, 100);
        speed("Paris", H11, 100);
        served.store().writer().sadd(ServingKeys.CITIES, "Paris");
        try (Jedis redis = connect()) {
            new BatchViewPublisher(redis).publish(5, () -> new BatchViewPublisher.Content(H08,
                    List.of(gold("Paris", H08, 1), gold("Paris", H11, 3))));
        }
        TimeRange hours = new TimeRange(TimeRange.Grain.HOUR, H08, H11.plus(Duration.ofHours(1)));

        CityHourReads.Answer speed = new CityHourReads(served.view(), ServedView.SPEED).read(hours, Optional.empty());
        CityHourReads.Answer batch = new CityHourReads(served.view(), ServedView.BATCH).read(hours, Optional.empty());

        assertThat(speed.batch()).isEmpty();
        assertThat(rows(speed.rows())).containsExactly("speed Paris 2026-11-01T08:00:00Z 100",
                "speed Paris 2026-11-01T11:00:00Z 100");
        assertThat(batch.batch().map(BatchVersion::goldSnapshotId)).contains(5L);
        assertThat(rows(batch.rows())).as("the batch view shows Gold's hours after the watermark too")
                .containsExactly("batch Paris 2026-11-01T08:00:00Z 1", "batch Paris 2026-11-01T11:00:00Z 3");
    }

    @Test
    void withNothingPublishedLambdaIsTheSpeedViewAndBatchIsEmpty() throws Exception {
        speed("Paris", H10, 100);
        served.store().writer().sadd(ServingKeys.CITIES, "Paris");
        TimeRange hours = new TimeRange(TimeRange.Grain.HOUR, H08, H11);

        JsonNode body = ServingApiTest.request(served.api(), "GET", "/cities/hours?from=2026-11-01T08&to=2026-11-01T11")
                .body();

        assertThat(body.path("batch").isNull()).isTrue();
        assertThat(rows(body)).containsExactly("speed Paris 2026-11-01T10:00:00Z 100");
        assertThat(new CityHourReads(served.view(), ServedView.BATCH).read(hours, Optional.empty()).rows()).isEmpty();
    }

    @Test
    void aPublishSwitchesToANewVersionDeletesTheOthersAndTheSameSnapshotAgainChangesNothing() {
        try (Jedis redis = connect()) {
            BatchViewPublisher publisher = new BatchViewPublisher(redis);
            publisher.publish(10, () -> new BatchViewPublisher.Content(H08, List.of(gold("Paris", H08, 1))));
            // what a publish of version 2 that died before its switch left behind
            redis.hset(ServingKeys.batchCityHour(2, "Atlantis", H08), gold("Atlantis", H08, 666));

            BatchViewPublisher.Publication second = publisher.publish(11, () -> new BatchViewPublisher.Content(H09,
                    List.of(gold("Paris", H08, 2), gold("Paris", H09, 2))));

            assertThat(second.published()).isTrue();
            assertThat(second.current().version()).isEqualTo(2);
            assertThat(new TreeSet<>(redis.keys("batch:*"))).containsExactly("batch:current",
                    "batch:v2:cities", "batch:v2:city_hour:Paris:2026-11-01T08", "batch:v2:city_hour:Paris:2026-11-01T09");
            Map<String, String> pointer = redis.hgetAll(ServingKeys.BATCH_CURRENT);

            AtomicBoolean asked = new AtomicBoolean();
            BatchViewPublisher.Publication again = publisher.publish(11, () -> {
                asked.set(true);
                return new BatchViewPublisher.Content(H10, List.of());
            });

            assertThat(again.published()).isFalse();
            assertThat(asked).as("the content of a snapshot already published is not even computed").isFalse();
            assertThat(again.current()).isEqualTo(second.current());
            assertThat(redis.hgetAll(ServingKeys.BATCH_CURRENT)).isEqualTo(pointer);
            assertThat(redis.keys("batch:*")).hasSize(4);
        }
    }

    @Test
    void aReaderPollingWhileVersionsSwitchSeesOneWholeVersionEveryTime() throws Exception {
        List<String> cities = List.of("Berlin", "Paris", "Rome");
        int hoursPerCity = 24;
        int publishes = 40;
        TimeRange day = new TimeRange(TimeRange.Grain.HOUR, H08, H08.plus(Duration.ofHours(hoursPerCity)));
        try (Jedis redis = connect()) {
            new BatchViewPublisher(redis).publish(1, () -> version(1, cities, hoursPerCity));
        }
        CompletableFuture<Void> publisher = CompletableFuture.runAsync(() -> {
            try (Jedis redis = connect()) {
                BatchViewPublisher p = new BatchViewPublisher(redis);
                for (long snapshot = 2; snapshot <= publishes; snapshot++) {
                    long n = snapshot;
                    p.publish(n, () -> version(n, cities, hoursPerCity));
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CityHourReads reads = new CityHourReads(served.view(), ServedView.LAMBDA);
        Set<Long> versionsSeen = new TreeSet<>();
        int answers = 0;
        while (!publisher.isDone() || answers == 0) {
            CityHourReads.Answer answer = reads.read(day, Optional.empty());
            long snapshot = answer.batch().orElseThrow().goldSnapshotId();
            assertThat(answer.rows()).as("answer %d (snapshot %d)", answers, snapshot)
                    .hasSize(cities.size() * hoursPerCity)
                    .allSatisfy(row -> {
                        assertThat(row.path("source").asText()).isEqualTo("batch");
                        assertThat(row.path("orders_created").asLong()).isEqualTo(snapshot);
                    });
            versionsSeen.add(snapshot);
            answers++;
        }
        publisher.get();
        assertThat(versionsSeen).as("the reader ran across the switches").hasSizeGreaterThan(2);
        assertThat(reads.read(day, Optional.empty()).batch().orElseThrow().goldSnapshotId()).isEqualTo(publishes);
        assertThat(served.store().writer().keys("batch:v*")).hasSize(cities.size() * hoursPerCity + 1)
                .allMatch(key -> key.startsWith("batch:v" + publishes + ":"));
    }

    /** Every (city, hour) of a day with orders_created = the snapshot id; watermark at its last hour. */
    private static BatchViewPublisher.Content version(long snapshot, List<String> cities, int hours) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int h = 0; h < hours; h++) {
            for (String city : cities) {
                rows.add(gold(city, H08.plus(Duration.ofHours(h)), snapshot));
            }
        }
        return new BatchViewPublisher.Content(H08.plus(Duration.ofHours(hours - 1)), rows);
    }

    private static Map<String, String> gold(String city, Instant hour, long ordersCreated) {
        Map<String, String> hash = new LinkedHashMap<>();
        hash.put("city", city);
        hash.put("hour_start", hour.toString());
        hash.put("orders_created", Long.toString(ordersCreated));
        hash.put("orders_paid", "1");
        hash.put("orders_cancelled", "0");
        hash.put("paid_amount", "10.50");
        hash.put("distinct_buyers", "1");
        hash.put("items_sold", "2");
        return hash;
    }

    private static void speed(String city, Instant hour, long ordersCreated) {
        served.store().writer().hset(ServingKeys.cityHour(city, hour), gold(city, hour, ordersCreated));
    }

    private static Jedis connect() {
        return ServingStoreConnections.connect(served.store().endpoint(), "alluvium-test-publisher");
    }

    private static List<String> rows(JsonNode body) {
        List<ObjectNode> rows = new ArrayList<>();
        body.path("rows").forEach(r -> rows.add((ObjectNode) r));
        return rows(rows);
    }

    private static List<String> rows(List<ObjectNode> rows) {
        return rows.stream().map(r -> r.path("source").asText() + " " + r.path("city").asText() + " "
                + r.path("hour_start").asText() + " " + r.path("orders_created").asLong()).toList();
    }
}
