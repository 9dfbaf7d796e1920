package io.alluvium.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.cli.Console;
import io.alluvium.cli.JobFailure;
import io.alluvium.cli.platform.EmbeddedService;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.ServingEndpoint;
import io.alluvium.runtime.ServingStoreConnections;
import io.alluvium.serving.HttpReader;
import io.alluvium.serving.LoadResult;
import io.alluvium.serving.LoadTest;
import io.alluvium.serving.RedisReader;
import io.alluvium.serving.SampleStore;
import io.alluvium.serving.ServingApi;
import io.alluvium.serving.ServingLookup;
import io.alluvium.serving.SpeedView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import redis.clients.jedis.JedisPooled;

/**
 * {@code bench serving}: lookups of users' features and (city, hour) sales through {@code alluvium serve}'s HTTP
 * API against the same lookups straight from Redis with Jedis (one HGETALL each), on the same store, keys and
 * number of concurrent clients. The API runs in this JVM, as {@code serve} does. Only the ratio means something
 * on a shared machine. The store is the bench's own redis-server, filled with {@link SampleStore}; a store set by
 * {@code serving.redis-url} is only written to when empty, else its own keys are looked up.
 */
final class ServingBench implements Bench {
    static final String NAME = "serving";
    static final String HTTP = "alluvium serve (HTTP API)";
    static final String DIRECT = "jedis HGETALL (direct)";
    static final int ROUNDS = 2;
    static final String TARGET_THROUGHPUT = ">= 0.25";
    static final String TARGET_P99 = "<= 6.0";
    /** Unmeasured lookups first, so that neither side is timed while the JIT compiles it. */
    static final long WARM_UP = 5_000;
    /** The hours of the sample start here: the generator's default first day. */
    static final Instant SAMPLE_START = Instant.parse("2026-11-01T00:00:00Z");
    static final long SAMPLE_SEED = 42;
    private static final int EXISTING_KEYS = 100_000;

    private final int clients;

    ServingBench(int clients) {
        this.clients = clients;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Only the serving store: no broker, no catalog. */
    @Override
    public boolean needs(EmbeddedService service) {
        return service.name().equals(EmbeddedService.SERVING_STORE);
    }

    @Override
    public Optional<String> unavailable() {
        return Optional.empty();
    }

    @Override
    public BenchReport run(AlluviumConfig config, long events, Console console) {
        ServingEndpoint endpoint = ServingEndpoint.of(config);
        try (JedisPooled direct = ServingStoreConnections.pool(endpoint, "alluvium-bench", clients);
             SpeedView view = SpeedView.open(endpoint, clients);
             ServingApi api = ServingApi.start(view, "127.0.0.1", 0);
             HttpReader http = new HttpReader(api.url())) {
            List<ServingLookup> lookups = lookups(direct, endpoint, console);
            RedisReader redis = new RedisReader(direct);
            console.step("serving: warming up (" + WARM_UP + " lookups each)");
            LoadTest.run(lookups, WARM_UP, clients, redis);
            LoadTest.run(lookups, WARM_UP, clients, http);
            List<LoadResult> directRuns = new ArrayList<>();
            List<LoadResult> httpRuns = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                console.step("serving round " + round + "/" + ROUNDS + ": " + events + " lookups direct, then over HTTP, "
                        + clients + " clients");
                directRuns.add(LoadTest.run(lookups, events, clients, redis));
                httpRuns.add(LoadTest.run(lookups, events, clients, http));
            }
            LoadResult ours = best(httpRuns);
            LoadResult baseline = best(directRuns);
            return new BenchReport(NAME, events, List.of(measure(HTTP, ours, httpRuns), measure(DIRECT, baseline, directRuns)),
                    List.of(BenchComparison.of("lookups/s, HTTP API vs direct", ours.lookupsPerSecond(),
                                    baseline.lookupsPerSecond(), TARGET_THROUGHPUT),
                            BenchComparison.of("p99 latency, HTTP API vs direct", ours.p99().toNanos(),
                                    baseline.p99().toNanos(), TARGET_P99)),
                    List.of("best of " + ROUNDS + " runs each, alternating (direct, HTTP, direct, HTTP), after "
                                    + WARM_UP + " unmeasured lookups each",
                            lookups.size() + " distinct keys, users' features and one (city, hour) each in turn; "
                                    + clients + " clients, each waiting for its answer before the next lookup; "
                                    + "the API and the clients share this JVM, redis-server runs beside it",
                            String.format(Locale.ROOT, "latency p50/p95/p99: HTTP %s, direct %s; errors: HTTP %d, direct %d",
                                    percentiles(ours), percentiles(baseline), ours.errors(), baseline.errors())),
                    Console.JSON.createObjectNode());
        }
    }

    /** The sample written into an empty store, or the keys a filled one already has. */
    private static List<ServingLookup> lookups(JedisPooled jedis, ServingEndpoint endpoint, Console console) {
        if (jedis.dbSize() == 0) {
            console.step("serving: writing a sample into the empty store " + endpoint + " (" + SampleStore.Size.BENCH + ")");
            return SampleStore.write(jedis, SampleStore.Size.BENCH, SAMPLE_START, SAMPLE_SEED);
        }
        List<ServingLookup> existing = SampleStore.existing(jedis, EXISTING_KEYS);
        if (existing.isEmpty()) {
            throw new JobFailure("the serving store " + endpoint + " holds data but no city_hour or user keys to look "
                    + "up; bench serving writes its sample only into an empty store");
        }
        console.step("serving: looking up " + existing.size() + " keys the store " + endpoint + " already holds");
        return existing;
    }

    private static LoadResult best(List<LoadResult> runs) {
        return runs.stream().max(Comparator.comparingDouble(LoadResult::lookupsPerSecond)).orElseThrow();
    }

    private static BenchMeasure measure(String name, LoadResult best, List<LoadResult> runs) {
        ObjectNode details = Console.JSON.createObjectNode();
        details.put("lookups", best.lookups());
        details.put("errors", best.errors());
        details.put("clients", best.clients());
        details.put("p50_ms", millis(best.p50()));
        details.put("p95_ms", millis(best.p95()));
        details.put("p99_ms", millis(best.p99()));
        var all = details.putArray("runs_lookups_per_s");
        runs.forEach(r -> all.add(Math.round(r.lookupsPerSecond())));
        return new BenchMeasure(name, best.lookupsPerSecond(), null, best.took().toNanos() / 1e9, details);
    }

    private static double millis(Duration d) {
        return Math.round(d.toNanos() / 1e3) / 1e3;
    }

    private static String percentiles(LoadResult r) {
        return String.format(Locale.ROOT, "%.2f/%.2f/%.2f ms", millis(r.p50()), millis(r.p95()), millis(r.p99()));
    }
}
