package io.alluvium.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.bench.AlternatingRounds;
import io.alluvium.bench.RoundStatistics;
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
import io.alluvium.serving.ServedView;
import io.alluvium.serving.ServingApi;
import io.alluvium.serving.ServingLookup;
import io.alluvium.serving.SpeedView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import redis.clients.jedis.JedisPooled;

/**
 * {@code bench serving}: lookups of users' features and (city, hour) sales through {@code alluvium serve}'s HTTP
 * API against the same lookups straight from Redis with Jedis (one HGETALL each), on the same store, keys and
 * number of concurrent clients, in alternating rounds of 10 s each (or {@code --events} lookups), whose medians
 * count. The API runs in this JVM, as {@code serve} does. Only the ratio means something on a shared machine. The store is the bench's own redis-server, filled with {@link SampleStore}; a store set by
 * {@code serving.redis-url} is only written to when empty, else its own keys are looked up.
 */
final class ServingBench implements Bench {
    static final String NAME = "serving";
    static final String HTTP = "alluvium serve (HTTP API)";
    static final String DIRECT = "jedis HGETALL (direct)";
    /** A round without {@code --events}: every lookup that starts within it. */
    static final Duration ROUND_TIME = Duration.ofSeconds(Math.round(RoundStatistics.MIN_ROUND_SECONDS));
    static final String TARGET_THROUGHPUT = ">= 0.25";
    static final String TARGET_P99 = "<= 6.0";
    /**
     * Unmeasured lookups first, so that neither side is timed while the JIT compiles it: for this long each, or
     * {@link #WARM_UP_LOOKUPS} with {@code --events} (a test run). The HTTP path (client, Jetty, Jedis) is
     * deep, and its compilation shares two cores with the load: measured right after 5,000 lookups, its three
     * rounds ran at 2,400, 4,300 and 9,500 lookups/s, still warming up.
     */
    static final Duration WARM_UP = Duration.ofSeconds(20);
    static final long WARM_UP_LOOKUPS = 5_000;
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
    public BenchReport run(AlluviumConfig config, OptionalLong events, Console console) {
        ServingEndpoint endpoint = ServingEndpoint.of(config);
        try (JedisPooled direct = ServingStoreConnections.pool(endpoint, "alluvium-bench", clients);
             SpeedView view = SpeedView.open(endpoint, clients);
             ServingApi api = ServingApi.start(view, ServedView.of(config), "127.0.0.1", 0);
             HttpReader http = new HttpReader(api.url(), clients)) {
            List<ServingLookup> lookups = lookups(direct, endpoint, console);
            RedisReader redis = new RedisReader(direct);
            String warmUp = events.isPresent() ? WARM_UP_LOOKUPS + " lookups" : WARM_UP.toSeconds() + " s";
            console.step("serving: warming up (" + warmUp + " each)");
            for (LoadTest.Reader reader : List.of(redis, http)) {
                if (events.isPresent()) {
                    LoadTest.run(lookups, WARM_UP_LOOKUPS, clients, reader);
                } else {
                    LoadTest.runFor(lookups, WARM_UP, clients, reader);
                }
            }
            String workload = events.isPresent() ? String.format(Locale.ROOT, "%,d lookups", events.getAsLong())
                    : String.format(Locale.ROOT, "lookups for %d s", ROUND_TIME.toSeconds());
            AlternatingRounds<LoadResult, RuntimeException> rounds =
                    new AlternatingRounds<>(AlternatingRounds.MIN_ROUNDS);
            Map<String, List<LoadResult>> results = rounds
                    .contender(DIRECT, round -> load(lookups, events, redis))
                    .contender(HTTP, round -> load(lookups, events, http))
                    .run((round, all, contender) -> console.step("serving round " + round + "/" + all + ": "
                            + contender + ", " + workload + ", " + clients + " clients"));
            BenchMeasure ours = measure(HTTP, results.get(HTTP));
            BenchMeasure baseline = measure(DIRECT, results.get(DIRECT));
            return new BenchReport(NAME, workload + " per contender and round, " + clients + " clients",
                    List.of(ours, baseline),
                    List.of(BenchComparison.of("lookups/s, HTTP API vs direct", ours.recordsPerSecond(),
                                    baseline.recordsPerSecond(), TARGET_THROUGHPUT),
                            BenchComparison.of("p99 latency, HTTP API vs direct", medianMillis(results.get(HTTP),
                                    LoadResult::p99), medianMillis(results.get(DIRECT), LoadResult::p99), TARGET_P99)),
                    List.of(rounds.rounds() + " rounds each, alternating (direct, HTTP, direct, ...), after "
                                    + (events.isPresent() ? WARM_UP_LOOKUPS + " unmeasured lookups"
                                    : WARM_UP.toSeconds() + " s of unmeasured lookups") + " each; figures, latencies and "
                                    + "ratios are the medians of the rounds",
                            lookups.size() + " distinct keys, users' features and one (city, hour) each in turn; "
                                    + clients + " clients, each waiting for its answer before the next lookup; "
                                    + "the API and the clients share this JVM, redis-server runs beside it",
                            String.format(Locale.ROOT, "latency p50/p95/p99: HTTP %s, direct %s; errors: HTTP %d, "
                                            + "direct %d", percentiles(ours), percentiles(baseline),
                                    ours.details().path("errors").asLong(), baseline.details().path("errors").asLong())),
                    Console.JSON.createObjectNode());
        }
    }

    /** One round: {@code --events} lookups, or as many as {@link #ROUND_TIME} allows. */
    private LoadResult load(List<ServingLookup> lookups, OptionalLong events, LoadTest.Reader reader) {
        return events.isPresent() ? LoadTest.run(lookups, events.getAsLong(), clients, reader)
                : LoadTest.runFor(lookups, ROUND_TIME, clients, reader);
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

    /** Lookups/s over the rounds; latencies the medians of the rounds' percentiles; lookups and errors of all rounds. */
    private static BenchMeasure measure(String name, List<LoadResult> runs) {
        ObjectNode details = Console.JSON.createObjectNode();
        details.put("lookups", runs.stream().mapToLong(LoadResult::lookups).sum());
        details.put("errors", runs.stream().mapToLong(LoadResult::errors).sum());
        details.put("clients", runs.get(0).clients());
        details.put("p50_ms", medianMillis(runs, LoadResult::p50));
        details.put("p95_ms", medianMillis(runs, LoadResult::p95));
        details.put("p99_ms", medianMillis(runs, LoadResult::p99));
        return BenchMeasure.recordsOnly(name, runs.stream()
                .map(r -> new BenchMeasure.Round(r.lookups(), 0, r.took().toNanos() / 1e9)).toList(), details);
    }

    private static double medianMillis(List<LoadResult> runs, Function<LoadResult, Duration> percentile) {
        return millis(RoundStatistics.median(runs.stream().map(r -> (double) percentile.apply(r).toNanos()).toList()));
    }

    private static double millis(double nanos) {
        return Math.round(nanos / 1e3) / 1e3;
    }

    private static String percentiles(BenchMeasure m) {
        return String.format(Locale.ROOT, "%.2f/%.2f/%.2f ms", m.details().path("p50_ms").asDouble(),
                m.details().path("p95_ms").asDouble(), m.details().path("p99_ms").asDouble());
    }
}
