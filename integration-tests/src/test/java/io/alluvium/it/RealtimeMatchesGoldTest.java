package io.alluvium.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.config.AlluviumSettings;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Invariant 3 of DESIGN.md: for every (city, hour), what the realtime Flink job keeps in the serving
 * store equals {@code gold.city_hourly_sales} that Spark built from the same events through Bronze and
 * Silver — two independent paths (stream and batch, Lambda's two views) that must agree to the cent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealtimeMatchesGoldTest {
    @TempDir
    static Path dataDir;

    private CliRun cli;

    @BeforeAll
    void buildBothViews() {
        cli = new CliRun(dataDir);
        for (String[] command : new String[][] {{"up"}, {"generate", "--events", "4000"},
                {"stream", "start", "landing", "--until-caught-up"}, {"batch", "all"},
                {"stream", "start", "realtime", "--until-caught-up"}}) {
            CliRun.Result r = cli.run(command);
            assertThat(r.exitCode()).as(String.join(" ", command) + ": " + r).isZero();
        }
    }

    @AfterAll
    void down() {
        if (cli != null) {
            cli.run("down");
        }
    }

    @Test
    void everyCityHourInTheServingStoreEqualsGold() {
        Map<String, String> gold = gold();
        Map<String, String> live = servingStore();
        assertThat(gold).hasSizeGreaterThan(20);
        assertThat(live).isEqualTo(gold);
    }

    /** city|yyyy-MM-ddTHH → "created paid amount buyers" from Gold, via the SQL command. */
    private Map<String, String> gold() {
        CliRun.Result sql = cli.run("sql", "SELECT city, date_format(hour_start, \"yyyy-MM-dd'T'HH\"), orders_created,"
                + " orders_paid, CAST(paid_amount AS STRING), distinct_buyers FROM gold.city_hourly_sales", "--json");
        assertThat(sql.exitCode()).as(sql.toString()).isZero();
        assertThat(sql.json().path("truncated").asBoolean()).isFalse();
        Map<String, String> rows = new TreeMap<>();
        for (JsonNode r : sql.json().path("rows")) {
            rows.put(r.get(0).asText() + "|" + r.get(1).asText(),
                    facts(r.get(2).asText(), r.get(3).asText(), r.get(4).asText(), r.get(5).asText()));
        }
        return rows;
    }

    /** The same facts from the serving store's {@code city_hour:<city>:<hour>} hashes. */
    private Map<String, String> servingStore() {
        Map<String, String> rows = new TreeMap<>();
        int port = cli.config().getInt(AlluviumSettings.SERVING_PORT);
        try (Jedis redis = new Jedis("127.0.0.1", port)) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = redis.scan(cursor, new ScanParams().match("city_hour:*").count(500));
                for (String key : page.getResult()) {
                    Map<String, String> h = redis.hgetAll(key);
                    String hour = key.substring(key.lastIndexOf(':') + 1);
                    rows.put(h.get("city") + "|" + hour, facts(h.get("orders_created"), h.get("orders_paid"),
                            h.get("paid_amount"), h.get("distinct_buyers")));
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
        return rows;
    }

    private static String facts(String created, String paid, String amount, String buyers) {
        return created + " " + paid + " " + new BigDecimal(amount).stripTrailingZeros().toPlainString() + " " + buyers;
    }
}
