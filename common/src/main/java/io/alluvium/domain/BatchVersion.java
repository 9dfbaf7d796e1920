package io.alluvium.domain;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The pointer to the batch view readers use, {@code batch:current} ({@code flink-jobs/REALTIME.md}, *Batch view*):
 * which version of the published gold.city_hourly_sales they read, the Gold snapshot it was published from, and its
 * watermark — the start of the last UTC hour the batch covers completely, so that a merged (Lambda) read takes the
 * batch's values up to and including that hour and the speed view's after it.
 */
public record BatchVersion(long version, long goldSnapshotId, Instant watermark, long cityHours, Instant publishedAt) {
    public BatchVersion {
        if (version < 1) {
            throw new IllegalArgumentException("batch view versions start at 1, got " + version);
        }
        if (!watermark.equals(watermark.truncatedTo(ChronoUnit.HOURS))) {
            throw new IllegalArgumentException("the batch watermark is the start of an hour, got " + watermark);
        }
    }

    /** The hash {@code batch:current} holds, field by field ({@link ServingFields#VERSION} and those after it). */
    public Map<String, String> toHash() {
        Map<String, String> hash = new LinkedHashMap<>();
        hash.put(ServingFields.VERSION, Long.toString(version));
        hash.put(ServingFields.GOLD_SNAPSHOT_ID, Long.toString(goldSnapshotId));
        hash.put(ServingFields.WATERMARK, watermark.toString());
        hash.put(ServingFields.CITY_HOURS, Long.toString(cityHours));
        hash.put(ServingFields.PUBLISHED_AT, publishedAt.toString());
        return hash;
    }

    /**
     * The pointer a {@code batch:current} hash holds; empty when there is none (nothing published yet).
     *
     * @throws IllegalArgumentException naming the field when a value is missing or not of its type
     */
    public static Optional<BatchVersion> ofHash(Map<String, String> hash) {
        if (hash.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BatchVersion(number(hash, ServingFields.VERSION),
                number(hash, ServingFields.GOLD_SNAPSHOT_ID), instant(hash, ServingFields.WATERMARK),
                number(hash, ServingFields.CITY_HOURS), instant(hash, ServingFields.PUBLISHED_AT)));
    }

    /**
     * The watermark of a batch whose newest event is {@code newestEventTs}: the start of the last UTC hour that ends at
     * or before {@code newestEventTs − watermarkDelay}. It is the realtime job's rule (REALTIME.md: an event more than
     * {@code realtime.watermark-delay} below the newest is late), applied to what the batch read: an hour is complete
     * once the data has moved the delay past its end; what comes later for it is a late event, in the batch view after
     * the next build.
     */
    public static Instant lastCompleteHour(Instant newestEventTs, Duration watermarkDelay) {
        return newestEventTs.minus(watermarkDelay).truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
    }

    /** Whether the hour that starts at {@code hourStart} is covered completely by the batch: at or before the watermark. */
    public boolean covers(Instant hourStart) {
        return !hourStart.isAfter(watermark);
    }

    private static long number(Map<String, String> hash, String field) {
        try {
            return Long.parseLong(required(hash, field));
        } catch (NumberFormatException e) {
            throw malformed(field, "a whole number", hash.get(field));
        }
    }

    private static Instant instant(Map<String, String> hash, String field) {
        try {
            return Instant.parse(required(hash, field));
        } catch (DateTimeException e) {
            throw malformed(field, "an ISO-8601 instant", hash.get(field));
        }
    }

    private static String required(Map<String, String> hash, String field) {
        String text = hash.get(field);
        if (text == null) {
            throw new IllegalArgumentException(ServingKeys.BATCH_CURRENT + " has no field " + field);
        }
        return text;
    }

    private static IllegalArgumentException malformed(String field, String expected, String text) {
        return new IllegalArgumentException(ServingKeys.BATCH_CURRENT + ", field " + field + ": expected " + expected
                + ", got \"" + text + "\"");
    }
}
