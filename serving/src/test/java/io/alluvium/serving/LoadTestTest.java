package io.alluvium.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.alluvium.domain.ServingKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving load test against a real redis-server holding the sample, over the real API and directly: every
 * lookup is counted, a lookup of a key the store lacks is an error on both paths, and the sample keeps the
 * contract (the API reads it without a contract error).
 */
class LoadTestTest {
    private static final Instant FIRST_HOUR = Instant.parse("2026-11-01T00:00:00Z");
    private static final SampleStore.Size SIZE = new SampleStore.Size(3, 4, 20, 5);

    @TempDir
    static Path dir;

    private static RealServingStore store;
    private static SpeedView view;
    private static ServingApi api;
    private static List<ServingLookup> lookups;

    @BeforeAll
    static void start() {
        store = RealServingStore.start(dir);
        lookups = SampleStore.write(store.writer(), SIZE, FIRST_HOUR, 7);
        view = SpeedView.open(store.endpoint(), 4);
        api = ServingApi.start(view, ServedView.LAMBDA, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        api.close();
        view.close();
        store.close();
    }

    @Test
    void theSampleHasEveryCityHourAndUserOnceEachAtLeastAndKeepsTheContract() {
        Set<String> keys = lookups.stream().map(ServingLookup::key).collect(Collectors.toSet());
        assertThat(keys).hasSize(3 * 4 + 20).contains("city_hour:city-02:2026-11-01T03", "user:u-000020");
        TimeRange fourHours = new TimeRange(TimeRange.Grain.HOUR, FIRST_HOUR, FIRST_HOUR.plusSeconds(4 * 3600));
        assertThat(view.rows(CitySeries.CITY_HOUR, fourHours, view.cities())).hasSize(12);
        assertThat(view.alerts(50, Optional.empty())).hasSize(5);
        assertThat(view.counts()).extracting(c -> c.path("stream").asText()).containsExactly("alerts", "orders");
        long alertsCounted = 0;
        for (var count : view.counts().get(0).path("counts")) {
            alertsCounted += count.asLong();
        }
        assertThat(alertsCounted).isEqualTo(5);
        assertThat(Set.copyOf(SampleStore.existing(store.writer(), 1000))).isEqualTo(Set.copyOf(lookups));
    }

    @Test
    void overHttpEveryLookupIsMadeAndFindsItsData() {
        LoadResult result;
        try (HttpReader http = new HttpReader(api.url(), 4)) {
            result = LoadTest.run(lookups, 500, 4, http);
        }
        assertThat(result.lookups()).isEqualTo(500);
        assertThat(result.errors()).isZero();
        assertThat(result.clients()).isEqualTo(4);
        assertThat(result.p50()).isPositive();
        assertThat(result.p50()).isLessThanOrEqualTo(result.p95());
        assertThat(result.p95()).isLessThanOrEqualTo(result.p99());
        assertThat(result.lookupsPerSecond()).isPositive();
    }

    @Test
    void directlyEveryLookupIsMadeAndFindsItsData() {
        LoadResult result = LoadTest.run(lookups, 500, 4, new RedisReader(store.writer()));
        assertThat(result.lookups()).isEqualTo(500);
        assertThat(result.errors()).isZero();
    }

    @Test
    void aTimedLoadTestLastsItsTimeAndCountsEveryLookupItStarted() {
        LoadResult result = LoadTest.runFor(lookups, Duration.ofMillis(300), 3, new RedisReader(store.writer()));
        assertThat(result.took()).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(10));
        assertThat(result.lookups()).isGreaterThan(3);
        assertThat(result.errors()).isZero();
    }

    @Test
    void aKeyTheStoreLacksIsAnErrorOnBothPaths() {
        List<ServingLookup> halfMissing = List.of(new ServingLookup.UserFeatures("u-000001"),
                new ServingLookup.UserFeatures("u-nobody"), new ServingLookup.CityHour("city-01", FIRST_HOUR),
                new ServingLookup.CityHour("Atlantis", FIRST_HOUR));
        assertThat(ServingKeys.user("u-nobody")).isEqualTo(halfMissing.get(1).key());
        try (HttpReader http = new HttpReader(api.url(), 2);
             HttpReader nowhere = new HttpReader("http://127.0.0.1:" + RealServingStore.freePort() + ServingApi.PREFIX,
                     2)) {
            assertThat(LoadTest.run(halfMissing, 100, 2, http).errors()).isEqualTo(50);
            assertThat(LoadTest.run(halfMissing, 100, 2, nowhere).errors()).isEqualTo(100);
        }
        assertThat(LoadTest.run(halfMissing, 100, 2, new RedisReader(store.writer())).errors()).isEqualTo(50);
    }
}
