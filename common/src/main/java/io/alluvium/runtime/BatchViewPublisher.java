package io.alluvium.runtime;

import io.alluvium.domain.BatchVersion;
import io.alluvium.domain.ServingFields;
import io.alluvium.domain.ServingKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.function.Supplier;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Writes the batch view into the serving store as {@code flink-jobs/REALTIME.md} (*Batch view*) says, so that a
 * reader sees one whole version or the next, never a mix and never nothing: the new version's keys are written
 * beside those of the version readers use, then ONE write of {@code batch:current} switches every reader to it,
 * then the keys of every other version are deleted. A reader that read the old version's keys across the switch
 * finds {@code batch:current} changed and reads again (the serving module's {@code CityHourReads}).
 * The Gold snapshot is the identity of what is published: publishing the one {@code batch:current} already holds
 * writes nothing. One publisher at a time (the batch job's lock); a publisher that died before its switch left keys
 * of a version nobody reads, which the next one deletes.
 */
public final class BatchViewPublisher {
    /** What a version holds: its watermark and the rows of gold.city_hourly_sales as {@code city_hour} hashes. */
    public record Content(Instant watermark, List<Map<String, String>> cityHours) {
    }

    /** The version readers use after {@link #publish}, and whether that call made it. */
    public record Publication(BatchVersion current, boolean published) {
    }

    private static final int PAGE = 1000;

    private final Jedis redis;

    public BatchViewPublisher(Jedis redis) {
        this.redis = redis;
    }

    /** The version readers use now; empty when nothing was published. */
    public Optional<BatchVersion> current() {
        return BatchVersion.ofHash(redis.hgetAll(ServingKeys.BATCH_CURRENT));
    }

    /**
     * Publishes what {@code content} gives as the version of Gold snapshot {@code goldSnapshotId}, unless that snapshot
     * is the one readers use already: then {@code content} is not even asked for.
     */
    public Publication publish(long goldSnapshotId, Supplier<Content> content) {
        Optional<BatchVersion> current = current();
        if (current.isPresent() && current.get().goldSnapshotId() == goldSnapshotId) {
            return new Publication(current.get(), false);
        }
        long version = current.map(v -> v.version() + 1).orElse(1L);
        Content next = content.get();
        deleteVersions(v -> v == version);
        write(version, next.cityHours());
        BatchVersion switched = new BatchVersion(version, goldSnapshotId, next.watermark(), next.cityHours().size(),
                Instant.now());
        redis.hset(ServingKeys.BATCH_CURRENT, switched.toHash());
        deleteVersions(v -> v != version);
        return new Publication(switched, true);
    }

    /** The city-hours and their cities under the version's keys, pipelined a page at a time; a refused write throws. */
    private void write(long version, List<Map<String, String>> cityHours) {
        for (int from = 0; from < cityHours.size(); from += PAGE) {
            List<Response<?>> replies = new ArrayList<>();
            try (Pipeline pipeline = redis.pipelined()) {
                for (Map<String, String> hash : cityHours.subList(from, Math.min(from + PAGE, cityHours.size()))) {
                    String city = hash.get(ServingFields.CITY);
                    Instant hour = Instant.parse(hash.get(ServingFields.HOUR_START));
                    replies.add(pipeline.hset(ServingKeys.batchCityHour(version, city, hour), hash));
                    replies.add(pipeline.sadd(ServingKeys.batchCities(version), city));
                }
                pipeline.sync();
            }
            replies.forEach(Response::get);
        }
    }

    /** Deletes every key of the batch view's versions that {@code doomed} names. */
    private void deleteVersions(LongPredicate doomed) {
        ScanParams params = new ScanParams().match(ServingKeys.BATCH_VERSIONS_PATTERN).count(PAGE);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, params);
            String[] keys = page.getResult().stream()
                    .filter(key -> ServingKeys.batchVersion(key).stream().anyMatch(doomed::test))
                    .toArray(String[]::new);
            if (keys.length > 0) {
                redis.unlink(keys);
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
}
