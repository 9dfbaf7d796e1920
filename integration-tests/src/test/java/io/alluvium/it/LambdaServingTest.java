package io.alluvium.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.domain.BatchVersion;
import io.alluvium.domain.ServingKeys;
import io.alluvium.runtime.ServingEndpoint;
import io.alluvium.runtime.ServingStoreConnections;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
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
 * snapshot changes nothing. The platform is built once for the class: up, generate, landing, batch, realtime.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LambdaServingTest {
    /** The realtime job's default watermark delay, the batch watermark's too. */
    private static final Duration WATERMARK_DELAY = Duration.ofMinutes(5);

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
        cli = new CliRun(dataDir);
        for (String[] command : new String[][] {{"up"}, {"generate", "--events", "3000"},
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
            List<String> names = List.of("orders_created", "orders_paid", "orders_cancelled", "paid_amount",
                    "distinct_buyers", "items_sold");
            for (int i = 0; i < names.size(); i++) {
                facts.put(names.get(i), row.get(i + 2).asText());
            }
            gold.put(ServingKeys.cityHour(row.get(0).asText(), hour), facts);
            goldSnapshot = row.get(8).asLong();
            newestOrder = Instant.parse(row.get(9).asText());
        }
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
                numbers.keySet().retainAll(gold.values().iterator().next().keySet());
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
