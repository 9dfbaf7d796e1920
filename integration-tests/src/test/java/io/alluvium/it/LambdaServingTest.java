package io.alluvium.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.domain.BatchVersion;
import io.alluvium.domain.ServingFields;
import io.alluvium.domain.ServingKeys;
import io.alluvium.runtime.ServingEndpoint;
import io.alluvium.runtime.ServingStoreConnections;
import io.alluvium.serving.CityHourReads;
import io.alluvium.serving.ServedView;
import io.alluvium.serving.ServingApi;
import io.alluvium.serving.SpeedView;
import io.alluvium.serving.TimeRange;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;

/**
 * Lambda on the real platform (flink-jobs/REALTIME.md, *Batch view*): {@code batch all} publishes
 * gold.city_hourly_sales into the serving store as the batch view, and what it published is Gold, row for row and to
 * the cent, with the watermark of the Silver orders Gold was built from; {@code batch publish} of the same Gold
 * snapshot changes nothing; a reader polling while {@code batch publish} replaces a stale version sees one whole
 * version in every answer; and {@code serve}'s API and {@code watch} answer Gold up to the watermark and the realtime
 * job's values after it. The platform is built once for the class: up, generate, landing, batch, realtime.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LambdaServingTest {
    /** The realtime job's default watermark delay, the batch watermark's too. */
    private static final Duration WATERMARK_DELAY = Duration.ofMinutes(5);
    /** The numbers of a city-hour, in gold.city_hourly_sales' order. */
    private static final List<String> FACTS = ServingFields.CITY_HOUR_FACTS;
    /** Added to orders_created to make a view differ from Gold, so that an answer shows which side it came from. */
    private static final long STALE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLL_PAUSE_MS = 100;

    @TempDir
    static Path dataDir;

    private CliRun cli;
    private JsonNode builtAndPublished;
    /** gold.city_hourly_sales by {@code city_hour} key: the numbers as the store spells them. */
    private Map<String, Map<String, String>> gold;
    private long goldSnapshot;
    private Instant newestOrder;

    @BeforeAll
    void buildBothViews() {
        // one day of events and no table maintenance after the build: the same paths, in less of CI's time
        cli = new CliRun(dataDir, Map.of(AlluviumSettings.GENERATOR_DAYS, "1",
                AlluviumSettings.BATCH_MAINTENANCE, "false"));
        for (String[] command : new String[][] {{"up"}, {"generate", "--events", "2000"},
                {"stream", "start", "landing", "--until-caught-up"}}) {
            CliRun.Result r = cli.run(command);
            assertThat(r.exitCode()).as(String.join(" ", command) + ": " + r).isZero();
        }
        CliRun.Result batch = cli.run("batch", "all", "--json");
        assertThat(batch.exitCode()).as(batch.toString()).isZero();
        builtAndPublished = batch.json().path("published");
        CliRun.Result realtime = cli.run("stream", "start", "realtime", "--until-caught-up");
        assertThat(realtime.exitCode()).as(realtime.toString()).isZero();
        readGold();
    }

    @AfterAll
    void down() {
        if (cli != null) {
            cli.run("down");
        }
    }

    @Test
    @Order(1)
    void theBatchPublishedGoldExactlyWithTheWatermarkOfItsOrders() {
        assertThat(gold).hasSizeGreaterThan(20);
        assertThat(builtAndPublished.path("version").asLong()).as(builtAndPublished.toString()).isEqualTo(1);
        assertThat(builtAndPublished.path("new_version").asBoolean()).isTrue();
        assertThat(builtAndPublished.path("gold_snapshot_id").asText()).isEqualTo(Long.toString(goldSnapshot));
        assertThat(builtAndPublished.path("city_hours").asLong()).isEqualTo(gold.size());

        BatchVersion current = pointer();
        Instant expectedWatermark = newestOrder.minus(WATERMARK_DELAY).truncatedTo(ChronoUnit.HOURS)
                .minus(Duration.ofHours(1));
        assertThat(current.version()).isEqualTo(1);
        assertThat(current.goldSnapshotId()).isEqualTo(goldSnapshot);
        assertThat(current.watermark()).isEqualTo(expectedWatermark);
        assertThat(builtAndPublished.path("watermark").asText()).isEqualTo(expectedWatermark.toString());
        assertThat(gold.keySet()).as("Gold has hours after the watermark, for the merged reads")
                .anyMatch(key -> ServingKeys.parseCityHour(key).orElseThrow().hourStart().isAfter(expectedWatermark));

        assertThat(publishedFacts(1)).isEqualTo(gold);
        assertThat(paidTotal(publishedFacts(1))).isEqualByComparingTo(paidTotal(gold)).isPositive();
    }

    @Test
    @Order(2)
    void publishingTheSameGoldSnapshotAgainChangesNothing() {
        Map<String, Map<String, String>> before = batchKeys();

        CliRun.Result again = cli.run("batch", "publish", "--json");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.json().path("new_version").asBoolean()).as(again.toString()).isFalse();
        assertThat(again.json().path("version").asLong()).isEqualTo(1);
        assertThat(batchKeys()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void aReaderPollingDuringAPublishSeesOneWholeVersionAndNeverNothing() throws Exception {
        // make the published version stale, as an older Gold would be: another snapshot, other numbers
        try (JedisPooled redis = store()) {
            redis.hset(ServingKeys.BATCH_CURRENT, "gold_snapshot_id", "1");
            for (String key : redis.keys("batch:v1:city_hour:*")) {
                redis.hincrBy(key, "orders_created", STALE);
            }
        }
        Map<String, Map<String, String>> stale = shifted(gold, STALE);
        CompletableFuture<CliRun.Result> publish = CompletableFuture.supplyAsync(
                () -> cli.run("batch", "publish", "--json"));
        Set<Long> snapshotsSeen = new TreeSet<>();
        try (SpeedView view = SpeedView.open(ServingEndpoint.of(cli.config()), 1)) {
            CityHourReads reads = new CityHourReads(view, ServedView.BATCH);
            boolean published;
            do {
                published = publish.isDone(); // one answer more once it is: the new version's
                CityHourReads.Answer answer = reads.read(goldHours(), Optional.empty());
                long snapshot = answer.batch().orElseThrow().goldSnapshotId();
                assertThat(facts(answer.rows())).as("an answer read with snapshot %d", snapshot)
                        .isEqualTo(snapshot == 1 ? stale : gold);
                snapshotsSeen.add(snapshot);
                Thread.sleep(POLL_PAUSE_MS); // Spark needs the 2 cores more than the reader
            } while (!published);
        }
        CliRun.Result published = publish.get();

        assertThat(published.exitCode()).as(published.toString()).isZero();
        assertThat(published.json().path("new_version").asBoolean()).isTrue();
        assertThat(published.json().path("version").asLong()).isEqualTo(2);
        assertThat(snapshotsSeen).as("the reader ran before and after the switch").containsExactly(1L, goldSnapshot);
        assertThat(publishedFacts(2)).isEqualTo(gold);
        assertThat(batchKeys().keySet()).as("version 1 deleted after the switch")
                .allMatch(key -> key.equals(ServingKeys.BATCH_CURRENT) || key.startsWith("batch:v2:"));
    }

    @Test
    @Order(4)
    void lambdaAnswersGoldUpToTheWatermarkAndTheRealtimeJobAfterIt() throws Exception {
        Instant watermark = pointer().watermark();
        // the speed view made different from Gold everywhere, so that each hour shows which side answered it
        Map<String, Map<String, String>> speed = new TreeMap<>();
        try (JedisPooled redis = store()) {
            for (String key : redis.keys(ServingKeys.CITY_HOUR_PATTERN)) {
                redis.hincrBy(key, "orders_created", STALE);
                Map<String, String> numbers = new TreeMap<>(redis.hgetAll(key));
                numbers.keySet().retainAll(FACTS);
                speed.put(key, numbers);
            }
        }
        Map<String, Map<String, String>> expected = new TreeMap<>();
        gold.forEach((key, facts) -> {
            if (!hourOf(key).isAfter(watermark)) {
                expected.put(key, facts);
            }
        });
        TimeRange hours = goldHours();
        speed.forEach((key, facts) -> {
            if (hourOf(key).isAfter(watermark) && hourOf(key).isBefore(hours.to())) {
                expected.put(key, facts);
            }
        });
        assertThat(speed.keySet()).anyMatch(key -> hourOf(key).isAfter(watermark));

        try (SpeedView view = SpeedView.open(ServingEndpoint.of(cli.config()), 2);
             ServingApi api = ServingApi.start(view, ServedView.LAMBDA, "127.0.0.1", 0)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    api.url() + "/cities/hours?from=" + hours.from() + "&to=" + hours.to())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.path("batch").path("watermark").asText()).isEqualTo(watermark.toString());
            List<ObjectNode> rows = new ArrayList<>();
            body.path("rows").forEach(row -> rows.add((ObjectNode) row));
            assertThat(facts(rows)).isEqualTo(expected);
            assertThat(rows).allSatisfy(row -> assertThat(row.path("source").asText()).isEqualTo(
                    Instant.parse(row.path("hour_start").asText()).isAfter(watermark) ? "speed" : "batch"));

            assertThat(facts(new CityHourReads(view, ServedView.SPEED).read(hours, Optional.empty()).rows()))
                    .as("the speed view alone, its hours before the watermark included").isEqualTo(speed);
        }

        for (String servingView : new String[] {"lambda", "batch"}) {
            CliRun.Result watch = cli.run("watch", "--once", "--json", "--set", "serving.view=" + servingView);
            assertThat(watch.exitCode()).as(watch.toString()).isZero();
            JsonNode frame = watch.json();
            assertThat(frame.path("batch_watermark").asText()).isEqualTo(watermark.toString());
            Instant newest = Instant.parse(frame.path("hour").asText());
            assertThat(newest).as("the newest hour is after the watermark").isAfter(watermark);
            for (JsonNode row : frame.path("top_cities")) {
                String key = ServingKeys.cityHour(row.path("city").asText(), newest);
                assertThat(row.path("source").asText()).isEqualTo(servingView.equals("lambda") ? "speed" : "batch");
                assertThat(row.path("orders_created").asText()).as(servingView + " " + key).isEqualTo(
                        (servingView.equals("lambda") ? speed : gold).get(key).get("orders_created"));
            }
        }
    }

    /** gold.city_hourly_sales, its current snapshot and the newest order of Silver, in one Spark run. */
    private void readGold() {
        CliRun.Result sql = cli.run("sql", "SELECT city, hour_start, orders_created, orders_paid, orders_cancelled,"
                + " CAST(paid_amount AS STRING), distinct_buyers, items_sold,"
                + " (SELECT snapshot_id FROM gold.city_hourly_sales.refs WHERE name = 'main'),"
                + " (SELECT max(event_ts) FROM silver.orders) FROM gold.city_hourly_sales", "--json");
        assertThat(sql.exitCode()).as(sql.toString()).isZero();
        assertThat(sql.json().path("truncated").asBoolean()).as("all of Gold in one answer").isFalse();
        gold = new TreeMap<>();
        for (JsonNode row : sql.json().path("rows")) {
            Instant hour = Instant.parse(row.get(1).asText());
            Map<String, String> facts = new TreeMap<>();
            for (int i = 0; i < FACTS.size(); i++) {
                facts.put(FACTS.get(i), row.get(i + 2).asText());
            }
            gold.put(ServingKeys.cityHour(row.get(0).asText(), hour), facts);
            goldSnapshot = row.get(8).asLong();
            newestOrder = Instant.parse(row.get(9).asText());
        }
    }

    /** Every hour of Gold, as one range of the API. */
    private TimeRange goldHours() {
        Instant first = gold.keySet().stream().map(LambdaServingTest::hourOf).min(Instant::compareTo).orElseThrow();
        Instant last = gold.keySet().stream().map(LambdaServingTest::hourOf).max(Instant::compareTo).orElseThrow();
        return new TimeRange(TimeRange.Grain.HOUR, first, last.plus(Duration.ofHours(1)));
    }

    private static Instant hourOf(String cityHourKey) {
        return ServingKeys.parseCityHour(cityHourKey).orElseThrow().hourStart();
    }

    /** The facts of API rows by their city_hour key, as the store spells them. */
    private static Map<String, Map<String, String>> facts(List<ObjectNode> rows) {
        Map<String, Map<String, String>> facts = new TreeMap<>();
        for (ObjectNode row : rows) {
            Map<String, String> numbers = new TreeMap<>();
            FACTS.forEach(f -> numbers.put(f, row.path(f).asText()));
            String key = ServingKeys.cityHour(row.path("city").asText(), Instant.parse(row.path("hour_start").asText()));
            assertThat(facts.put(key, numbers)).as("one row per city-hour: " + key).isNull();
        }
        return facts;
    }

    private static Map<String, Map<String, String>> shifted(Map<String, Map<String, String>> cityHours, long more) {
        Map<String, Map<String, String>> shifted = new TreeMap<>();
        cityHours.forEach((key, facts) -> {
            Map<String, String> numbers = new TreeMap<>(facts);
            numbers.put("orders_created", Long.toString(Long.parseLong(facts.get("orders_created")) + more));
            shifted.put(key, numbers);
        });
        return shifted;
    }

    private BatchVersion pointer() {
        try (JedisPooled redis = store()) {
            return BatchVersion.ofHash(redis.hgetAll(ServingKeys.BATCH_CURRENT)).orElseThrow();
        }
    }

    /** The facts of version {@code version}'s city-hours, by the speed view's key of the same (city, hour). */
    private Map<String, Map<String, String>> publishedFacts(long version) {
        Map<String, Map<String, String>> facts = new TreeMap<>();
        String prefix = "batch:v" + version + ":";
        batchKeys().forEach((key, hash) -> {
            if (key.startsWith(prefix + ServingKeys.CITY_HOUR_PREFIX)) {
                Map<String, String> numbers = new TreeMap<>(hash);
                numbers.keySet().retainAll(FACTS);
                facts.put(key.substring(prefix.length()), numbers);
            }
        });
        return facts;
    }

    /** Every hash of the batch view (city-hours and the pointer) by key. */
    private Map<String, Map<String, String>> batchKeys() {
        try (JedisPooled redis = store()) {
            Map<String, Map<String, String>> keys = new HashMap<>();
            for (String key : redis.keys("batch:*")) {
                keys.put(key, redis.type(key).equals("hash") ? redis.hgetAll(key)
                        : Map.of("members", String.join(",", new TreeSet<>(redis.smembers(key)))));
            }
            return keys;
        }
    }

    private static BigDecimal paidTotal(Map<String, Map<String, String>> cityHours) {
        return cityHours.values().stream().map(f -> new BigDecimal(f.get("paid_amount")))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private JedisPooled store() {
        return ServingStoreConnections.pool(ServingEndpoint.of(cli.config()), "alluvium-test", 1);
    }
}
