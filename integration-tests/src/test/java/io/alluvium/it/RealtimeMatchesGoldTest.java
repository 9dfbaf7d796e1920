package io.alluvium.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.domain.ServingFields;
import io.alluvium.domain.ServingKeys;
import io.alluvium.runtime.ServingEndpoint;
import io.alluvium.runtime.ServingStoreConnections;
import java.nio.file.Path;
import java.util.List;
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
 * Invariant 3 (docs/architecture.md#invariants) through {@code alluvium reconcile}: for every (city, hour), what the realtime Flink
 * job keeps in the serving store equals {@code gold.city_hourly_sales} that Spark built from the same events
 * through Bronze and Silver — two independent paths (stream and batch, Lambda's two views) that must agree to
 * the cent. Then one city-hour is changed and one deleted in the store, and reconcile must fail on both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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
    @Order(1)
    void everyCityHourInTheServingStoreEqualsGold() {
        CliRun.Result sql = cli.run("sql", "SELECT count(*) FROM gold.city_hourly_sales", "--json");
        assertThat(sql.exitCode()).as(sql.toString()).isZero();
        long goldRows = sql.json().path("rows").get(0).get(0).asLong();

        CliRun.Result reconcile = cli.run("reconcile", "--json");
        JsonNode serving = servingCheck(reconcile);
        assertThat(reconcile.exitCode()).as(reconcile.toString()).isZero();
        assertThat(goldRows).isGreaterThan(20);
        assertThat(serving.path("compared").asLong()).as(serving.toString()).isEqualTo(goldRows);
        assertThat(serving.path("equal").asLong()).as(serving.toString()).isEqualTo(goldRows);
        assertThat(serving.path("holds").asBoolean()).isTrue();
    }

    @Test
    @Order(2)
    void aChangedAndAMissingCityHourFailReconcile() {
        try (JedisPooled redis = ServingStoreConnections.pool(ServingEndpoint.of(cli.config()), "alluvium-test", 1)) {
            List<String> keys = redis.keys(ServingKeys.CITY_HOUR_PATTERN).stream().sorted().toList();
            redis.hincrBy(keys.get(0), ServingFields.ORDERS_CREATED, 1);
            redis.del(keys.get(1));
        }

        CliRun.Result reconcile = cli.run("reconcile", "--json");
        JsonNode serving = servingCheck(reconcile);
        assertThat(reconcile.exitCode()).as(reconcile.toString()).isEqualTo(1);
        assertThat(serving.path("different").asLong()).as(serving.toString()).isEqualTo(1);
        assertThat(serving.path("missing_in_store").asLong()).as(serving.toString()).isEqualTo(1);
        assertThat(serving.path("extra_in_store").asLong()).as(serving.toString()).isZero();
        assertThat(serving.path("examples")).hasSize(2);
        assertThat(reconcile.json().path("checks")).filteredOn(c -> !c.path("ok").asBoolean())
                .extracting(c -> c.path("invariant").asText()).containsExactly("3");
    }

    private static JsonNode servingCheck(CliRun.Result reconcile) {
        return reconcile.json().path("tables").path("serving_check");
    }
}
