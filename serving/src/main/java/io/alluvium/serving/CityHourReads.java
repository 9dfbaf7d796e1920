package io.alluvium.serving;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.domain.BatchVersion;
import io.alluvium.domain.ServingFields;
import io.alluvium.domain.ServingKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * City sales per hour as {@code serving.view} answers them (flink-jobs/REALTIME.md, *Batch view*): each hour from the
 * view {@link HourSplit} gives it, every row marked {@code "source": "batch"} or {@code "speed"}, with the batch
 * version the answer was read with. One version per answer, never a mix: {@code batch:current} is read after the
 * keys, in the same round trip, and must be the version the keys were chosen by; when a publish switched it (it may
 * have deleted what was read) the answer is read again; versions only grow, so an unchanged pointer means every key
 * read was intact.
 */
public final class CityHourReads {
    /** Reads of one answer before giving up: a publish switches versions minutes apart, never this often. */
    static final int ATTEMPTS = 10;

    /** One answer: the rows by hour then city, the view that answered and the batch version read (empty: none). */
    public record Answer(ServedView view, Optional<BatchVersion> batch, List<ObjectNode> rows) {
        /** {@code {"version", "gold_snapshot_id", "watermark", "published_at"}}, or null without a batch. */
        public ObjectNode batchJson() {
            return batch.map(v -> HashDecoder.JSON.createObjectNode()
                    .put(ServingFields.VERSION, v.version())
                    .put(ServingFields.GOLD_SNAPSHOT_ID, Long.toString(v.goldSnapshotId()))
                    .put(ServingFields.WATERMARK, v.watermark().toString())
                    .put(ServingFields.PUBLISHED_AT, v.publishedAt().toString())).orElse(null);
        }
    }

    private final SpeedView store;
    private final ServedView view;
    /** The batch version the last answer was read with: the guess for the next one. */
    private final AtomicReference<Optional<BatchVersion>> lastRead = new AtomicReference<>(Optional.empty());

    public CityHourReads(SpeedView store, ServedView view) {
        this.store = store;
        this.view = view;
    }

    public ServedView view() {
        return view;
    }

    /** The rows of the hours of {@code hours} (an hourly range), of one city or of every city each view lists. */
    public Answer read(TimeRange hours, Optional<String> city) {
        if (hours.grain() != TimeRange.Grain.HOUR) {
            throw new IllegalArgumentException("city sales are merged by the hour, not by " + hours.grain());
        }
        if (view == ServedView.SPEED) {
            return new Answer(view, Optional.empty(), speedRows(hours.starts(), city));
        }
        // the version the previous answer was read with is taken as still current: the speed hours after its
        // watermark and batch:current come in one round trip, and the batch hours (if any) with batch:current
        // again in a second; only when a publish switched versions meanwhile is the answer read again
        Optional<BatchVersion> batch = lastRead.get();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            HourSplit split = HourSplit.of(view, hours.starts(), batch);
            SpeedView.RowsThenVersion speed = store.rowsThenBatchVersion(SpeedView.keys(split.speedHours(),
                    cities(split.speedHours(), city, store::cities), ServingKeys::cityHour), ServingFields.CITY_HOUR);
            if (speed.batch().equals(batch)) {
                if (split.batchHours().isEmpty()) {
                    return new Answer(view, batch, speed.rows());
                }
                long version = batch.orElseThrow().version();
                SpeedView.RowsThenVersion published = store.rowsThenBatchVersion(SpeedView.keys(split.batchHours(),
                        cities(split.batchHours(), city, () -> store.batchCities(version)),
                        (c, hour) -> ServingKeys.batchCityHour(version, c, hour)), ServingFields.CITY_HOUR);
                if (published.batch().equals(batch)) {
                    List<ObjectNode> rows = new ArrayList<>();
                    published.rows().forEach(row -> rows.add(row.put(HashDecoder.SOURCE, HashDecoder.BATCH)));
                    rows.addAll(speed.rows());
                    return new Answer(view, batch, rows);
                }
                batch = published.batch();
            } else {
                batch = speed.batch();
            }
            lastRead.set(batch);
        }
        throw new IllegalStateException("the batch view switched versions " + ATTEMPTS + " times while one answer"
                + " was read");
    }

    private List<ObjectNode> speedRows(List<Instant> hours, Optional<String> city) {
        return store.rows(SpeedView.keys(hours, cities(hours, city, store::cities), ServingKeys::cityHour),
                ServingFields.CITY_HOUR);
    }

    /** The one city asked for, or every city a view lists (not even asked for when there are no hours to read). */
    private static List<String> cities(List<Instant> hours, Optional<String> city, Supplier<List<String>> listed) {
        return hours.isEmpty() ? List.of() : city.map(List::of).orElseGet(listed);
    }
}
