package io.alluvium.serving;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.domain.BatchVersion;
import io.alluvium.domain.ServingFields;
import io.alluvium.domain.ServingKeys;
import io.alluvium.runtime.ServingEndpoint;
import io.alluvium.runtime.ServingStoreConnections;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiFunction;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * The speed view: what the realtime job keeps in the serving store, read by the keys of
 * {@code flink-jobs/REALTIME.md} and returned as JSON rows ({@link HashDecoder}); and, for {@link CityHourReads},
 * the published batch view's pointer and keys beside it. Read-only: nothing here writes.
 * One instance serves every request of {@code serve} at once; its connections come from a pool.
 */
public final class SpeedView implements AutoCloseable {
    private final UnifiedJedis jedis;
    private final ServingEndpoint endpoint;

    public SpeedView(UnifiedJedis jedis, ServingEndpoint endpoint) {
        this.jedis = jedis;
        this.endpoint = endpoint;
    }

    /** A view over a pool of at most {@code connections} connections to the store. */
    public static SpeedView open(ServingEndpoint endpoint, int connections) {
        return new SpeedView(ServingStoreConnections.pool(endpoint, "alluvium-serve", connections), endpoint);
    }

    /** Where the store is, without credentials. */
    public ServingEndpoint endpoint() {
        return endpoint;
    }

    /** Answers, or throws Jedis' exception saying why not (unreachable, wrong password). */
    public void ping() {
        jedis.ping();
    }

    /** The cities with hourly sales: {@code realtime:cities}, or those of the {@code city_hour} keys when that set is empty. */
    public List<String> cities() {
        TreeSet<String> cities = new TreeSet<>(jedis.smembers(ServingKeys.CITIES));
        if (cities.isEmpty()) {
            KeyScan.all(jedis, ServingKeys.CITY_HOUR_PATTERN).forEach(key ->
                    ServingKeys.parseCityHour(key).ifPresent(cityHour -> cities.add(cityHour.city())));
        }
        return List.copyOf(cities);
    }

    /**
     * The rows of {@code series} for {@code cities} over the range (of the series' grain), by start then city; a
     * (city, start) without a key has no row.
     */
    List<ObjectNode> rows(CitySeries series, TimeRange range, List<String> cities) {
        if (range.grain() != series.grain) {
            throw new IllegalArgumentException(series + " is read by " + series.grain + ", not by " + range.grain());
        }
        return rows(keys(range.starts(), cities, series::key), series.fields);
    }

    /** The key of every (start, city), by start then city. */
    static List<String> keys(List<Instant> starts, List<String> cities, BiFunction<String, Instant, String> key) {
        List<String> keys = new ArrayList<>();
        for (Instant start : starts) {
            cities.forEach(c -> keys.add(key.apply(c, start)));
        }
        return keys;
    }

    /** The hashes of {@code keys} that exist, in that order, as rows of {@code fields}. */
    List<ObjectNode> rows(List<String> keys, Map<String, ServingFields.Type> fields) {
        List<ObjectNode> rows = new ArrayList<>();
        hashes(keys).forEach((key, hash) -> rows.add(HashDecoder.decode(key, hash, fields)));
        return rows;
    }

    /** Rows read in one round trip, and the batch version that was current after they were read. */
    record RowsThenVersion(List<ObjectNode> rows, Optional<BatchVersion> batch) {
    }

    /**
     * {@link #rows} and then {@code batch:current}, in one pipeline: Redis answers a pipeline's commands in order,
     * so the version read was the current one once every key had been read.
     */
    RowsThenVersion rowsThenBatchVersion(List<String> keys, Map<String, ServingFields.Type> fields) {
        List<String> read = new ArrayList<>(keys);
        read.add(ServingKeys.BATCH_CURRENT);
        List<Map<String, String>> hashes = hgetAll(read);
        List<ObjectNode> rows = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (!hashes.get(i).isEmpty()) {
                rows.add(HashDecoder.decode(keys.get(i), hashes.get(i), fields));
            }
        }
        return new RowsThenVersion(rows, batchVersion(hashes.get(keys.size())));
    }

    /** {@code batch:current}'s hash as the version of the batch view readers use; empty while nothing is published. */
    private static Optional<BatchVersion> batchVersion(Map<String, String> hash) {
        try {
            return BatchVersion.ofHash(hash);
        } catch (IllegalArgumentException e) {
            throw new StoreContractException(e.getMessage());
        }
    }

    /** The cities of a version of the batch view, sorted. */
    List<String> batchCities(long version) {
        return List.copyOf(new TreeSet<>(jedis.smembers(ServingKeys.batchCities(version))));
    }

    /** The latest hour that has a {@code city_hour} key (a scan of those keys). */
    public Optional<Instant> newestHour() {
        return KeyScan.all(jedis, ServingKeys.CITY_HOUR_PATTERN).stream()
                .flatMap(key -> ServingKeys.parseCityHour(key).stream())
                .map(ServingKeys.CityHour::hourStart)
                .max(Comparator.naturalOrder());
    }

    /** {@code user:<id>} as a row with its {@code user_id}; empty when the store has no features for the user. */
    public Optional<ObjectNode> userFeatures(String userId) {
        String key = ServingKeys.user(userId);
        Map<String, String> hash = jedis.hgetAll(key);
        if (hash.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode row = HashDecoder.row().put("user_id", userId);
        row.setAll(HashDecoder.decode(key, hash, ServingFields.USER));
        return Optional.of(row);
    }

    /**
     * The newest alerts first, at most {@code limit}, triggered at or after {@code since}. An id of
     * {@code alerts:by_time} whose hash is not (yet) written is left out.
     */
    public List<ObjectNode> alerts(int limit, Optional<Instant> since) {
        String min = since.map(t -> Long.toString(t.toEpochMilli())).orElse("-inf");
        List<String> keys = jedis.zrevrangeByScore(ServingKeys.ALERTS_BY_TIME, "+inf", min, 0, limit).stream()
                .map(ServingKeys::alert).toList();
        List<ObjectNode> rows = new ArrayList<>();
        hashes(keys).forEach((key, hash) -> rows.add(HashDecoder.decode(key, hash, ServingFields.ALERT)));
        return rows;
    }

    /** Every {@code realtime:<stream>:counts} hash, by stream: {@code {"source", "stream", "counts": {...}}}. */
    public List<ObjectNode> counts() {
        List<String> keys = new ArrayList<>(new TreeSet<>(KeyScan.all(jedis, ServingKeys.COUNTS_PATTERN)));
        List<ObjectNode> rows = new ArrayList<>();
        hashes(keys).forEach((key, hash) -> {
            ObjectNode row = HashDecoder.row().put("stream", ServingKeys.countsStream(key).orElseThrow());
            row.set("counts", HashDecoder.decodeCounts(key, hash));
            rows.add(row);
        });
        return rows;
    }

    /** HGETALL of every key in one round trip; the keys that exist, in the order given. */
    private Map<String, Map<String, String>> hashes(List<String> keys) {
        List<Map<String, String>> hashes = hgetAll(keys);
        Map<String, Map<String, String>> found = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            if (!hashes.get(i).isEmpty()) {
                found.put(keys.get(i), hashes.get(i));
            }
        }
        return found;
    }

    /** HGETALL of every key in one round trip, in the order given; a key that does not exist is an empty hash. */
    private List<Map<String, String>> hgetAll(List<String> keys) {
        List<Response<Map<String, String>>> replies = new ArrayList<>(keys.size());
        try (AbstractPipeline pipeline = jedis.pipelined()) {
            keys.forEach(key -> replies.add(pipeline.hgetAll(key)));
            pipeline.sync();
        }
        return replies.stream().map(Response::get).toList();
    }

    @Override
    public void close() {
        jedis.close();
    }
}
