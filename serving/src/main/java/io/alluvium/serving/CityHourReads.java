package io.alluvium.serving;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.domain.BatchVersion;
import io.alluvium.domain.ServingFields;
import io.alluvium.domain.ServingKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * City sales per hour as {@code serving.view} answers them (flink-jobs/REALTIME.md, *Batch view*): each hour from the
 * view {@link HourSplit} gives it, every row marked {@code "source": "batch"} or {@code "speed"}, with the batch
 * version the answer was read with. One version per answer, never a mix: {@code batch:current} is read before and
 * after the keys, and when a publish switched it in between (it may have deleted what was read) the answer is read
 * again; versions only grow, so an unchanged pointer means every key read was intact.
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
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<BatchVersion> batch = view == ServedView.SPEED ? Optional.empty() : store.batchVersion();
            HourSplit split = HourSplit.of(view, hours.starts(), batch);
            List<ObjectNode> rows = new ArrayList<>();
            if (!split.batchHours().isEmpty()) {
                long version = batch.orElseThrow().version();
                List<String> cities = city.map(List::of).orElseGet(() -> store.batchCities(version));
                for (ObjectNode row : store.rows(SpeedView.keys(split.batchHours(), cities,
                        (c, hour) -> ServingKeys.batchCityHour(version, c, hour)), ServingFields.CITY_HOUR)) {
                    rows.add(row.put(HashDecoder.SOURCE, HashDecoder.BATCH));
                }
            }
            if (!split.speedHours().isEmpty()) {
                List<String> cities = city.map(List::of).orElseGet(store::cities);
                rows.addAll(store.rows(SpeedView.keys(split.speedHours(), cities, ServingKeys::cityHour),
                        ServingFields.CITY_HOUR));
            }
            if (split.batchHours().isEmpty() || store.batchVersion().equals(batch)) {
                return new Answer(view, batch, rows);
            }
        }
        throw new IllegalStateException("the batch view switched versions " + ATTEMPTS + " times while one answer"
                + " was read");
    }
}
