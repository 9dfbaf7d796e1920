package io.alluvium.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.domain.ServingKeys;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.ServiceJvm;
import io.alluvium.runtime.ServiceProcess;
import io.alluvium.runtime.ServingEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Invariant 3's comparison against a real redis-server with a password (the services module's, started as
 * {@code alluvium up} starts it) and real Spark rows with gold.city_hourly_sales' column types: equal views
 * hold, and a wrong value, a city-hour missing from the store and one only in the store are each counted and
 * shown with both sides.
 */
class ServingStoreCheckTest {
    private static final String PASSWORD = "inv3-test-pw";
    /** gold.city_hourly_sales' compared columns, with its types (resources/gold/city_hourly_sales.sql). */
    private static final StructType GOLD = StructType.fromDDL("city string, hour_start timestamp,"
            + " orders_created bigint, orders_paid bigint, orders_cancelled bigint, paid_amount decimal(18,2),"
            + " distinct_buyers bigint, items_sold bigint");
    private static final List<Row> GOLD_ROWS = List.of(
            gold("Berlin", "2026-11-01T10:00:00Z", 3, 2, 1, "20.50", 2, 5),
            gold("Berlin", "2026-11-01T11:00:00Z", 1, 0, 0, "0.00", 0, 0),
            gold("Paris", "2026-11-01T10:00:00Z", 2, 1, 0, "100.00", 1, 1));

    @TempDir
    static Path dataDir;

    private static ServiceProcess servingStore;
    private static ServingEndpoint endpoint;
    private final Dataset<Row> citySales = TestLake.spark().createDataFrame(GOLD_ROWS, GOLD);

    @BeforeAll
    static void startServingStore() {
        AlluviumConfig config = AlluviumConfig.defaults().with(Map.of(AlluviumSettings.DATA_DIR, dataDir.toString(),
                AlluviumSettings.SERVING_PORT, Integer.toString(freePort()),
                AlluviumSettings.SERVING_PASSWORD, PASSWORD), "test");
        servingStore = ServiceJvm.SERVING_STORE.process(DataDir.of(config).create());
        servingStore.start(ServiceJvm.SERVING_STORE.jvm(config), config, Duration.ofSeconds(90));
        endpoint = ServingEndpoint.of(config);
    }

    @AfterAll
    static void stopServingStore() {
        if (servingStore != null) {
            servingStore.stop(Duration.ofSeconds(30));
        }
    }

    @BeforeEach
    void emptyStore() {
        try (Jedis redis = redis()) {
            redis.flushAll();
        }
    }

    @Test
    void equalViewsHold() {
        try (Jedis redis = redis()) {
            store(redis, "Berlin", "2026-11-01T10", "3", "2", "1", "20.5", "2", "5"); // 20.5 = 20.50 exactly
            store(redis, "Berlin", "2026-11-01T11", "1", "0", "0", "0.00", "0", "0");
            store(redis, "Paris", "2026-11-01T10", "2", "1", "0", "100.00", "1", "1");
            redis.hset(ServingKeys.counts("orders"), "valid", "6"); // not a city-hour: not compared
        }

        CityHourComparison c = (CityHourComparison) new ServingStoreCheck(endpoint).run(citySales);

        assertThat(c.holds()).isTrue();
        assertThat(c.compared()).isEqualTo(3);
        assertThat(c.equal()).isEqualTo(3);
        assertThat(c.examples()).isEmpty();
    }

    @Test
    void aWrongValueAMissingAndAnExtraCityHourAreCaughtWithBothSides() {
        try (Jedis redis = redis()) {
            store(redis, "Berlin", "2026-11-01T10", "3", "2", "1", "20.51", "2", "5"); // one cent more than Gold
            store(redis, "Paris", "2026-11-01T10", "2", "1", "0", "100.00", "1", "1");
            store(redis, "Paris", "2026-11-01T12", "1", "0", "0", "0.00", "0", "0"); // no Gold row
            // Berlin 2026-11-01T11 is missing
        }

        CityHourComparison c = (CityHourComparison) new ServingStoreCheck(endpoint).run(citySales);

        assertThat(c.holds()).isFalse();
        assertThat(List.of(c.compared(), c.equal(), c.different(), c.missingInStore(), c.extraInStore()))
                .containsExactly(4L, 1L, 1L, 1L, 1L);
        assertThat(c.examples()).extracting(CityHourComparison.Example::key).containsExactly(
                "city_hour:Berlin:2026-11-01T10", "city_hour:Berlin:2026-11-01T11", "city_hour:Paris:2026-11-01T12");
        CityHourComparison.Example wrong = c.examples().get(0);
        assertThat(wrong.gold().paidAmount()).isEqualByComparingTo("20.50");
        assertThat(wrong.servingStore().paidAmount()).isEqualByComparingTo("20.51");
        assertThat(c.examples().get(1).servingStore()).isNull();
        assertThat(c.examples().get(2).gold()).isNull();
        assertThat(Json.write(c)).contains("\"missing_in_store\":1", "\"serving_store\":{\"orders_created\":3,");
    }

    @Test
    void aStoreWithoutCityHoursIsSkippedWithWhatToRun() {
        ServingStoreCheck.Outcome outcome = new ServingStoreCheck(endpoint).run(citySales);

        assertThat(outcome).isEqualTo(new ServingStoreCheck.Skipped("the serving store at " + endpoint
                + " holds no city_hour:* keys: run `alluvium stream start realtime --until-caught-up`"));
    }

    @Test
    void aRefusedPasswordIsBadInputNamingTheSettingNotASkippedCheck() {
        ServingEndpoint wrongPassword = ServingEndpoint.of(AlluviumConfig.defaults().with(Map.of(
                AlluviumSettings.SERVING_PORT, Integer.toString(endpoint.port()),
                AlluviumSettings.SERVING_PASSWORD, "not-" + PASSWORD), "test"));

        assertThatThrownBy(() -> new ServingStoreCheck(wrongPassword).run(citySales))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("the serving store at " + endpoint + " refused the credentials (")
                .hasMessageEndingWith("): check serving.password or the user info of serving.redis-url")
                .hasMessageNotContaining(PASSWORD);
    }

    /** A hash as the realtime job writes it (REALTIME.md's key contract). */
    private static void store(Jedis redis, String city, String hour, String created, String paid, String cancelled,
                              String amount, String buyers, String items) {
        Instant hourStart = ServingKeys.parseHour(hour).orElseThrow();
        redis.hset(ServingKeys.cityHour(city, hourStart), Map.of("city", city, "hour_start", hourStart.toString(),
                "orders_created", created, "orders_paid", paid, "orders_cancelled", cancelled,
                "paid_amount", amount, "distinct_buyers", buyers, "items_sold", items));
    }

    private static Row gold(String city, String hourStart, long created, long paid, long cancelled, String amount,
                            long buyers, long items) {
        return RowFactory.create(city, Instant.parse(hourStart), created, paid, cancelled, new BigDecimal(amount),
                buyers, items);
    }

    private static Jedis redis() {
        return new Jedis(new HostAndPort(endpoint.host(), endpoint.port()),
                DefaultJedisClientConfig.builder().password(PASSWORD).build());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
