package io.alluvium.serving;

import io.alluvium.domain.BatchVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which view answers each hour of a range (flink-jobs/REALTIME.md, *Batch view*): in {@link ServedView#LAMBDA} the
 * batch the hours at or before its watermark and the speed view the later ones, so the batch hours always come
 * first; the other views take every hour from one side. Without a published batch, lambda is the speed view and
 * the batch view has no hours.
 *
 * @param batchHours the hours read from the published batch, in order
 * @param speedHours the hours read from the realtime job's keys, in order
 */
record HourSplit(List<Instant> batchHours, List<Instant> speedHours) {

    static HourSplit of(ServedView view, List<Instant> hours, Optional<BatchVersion> batch) {
        return switch (view) {
            case SPEED -> new HourSplit(List.of(), hours);
            case BATCH -> new HourSplit(batch.isPresent() ? hours : List.of(), List.of());
            case LAMBDA -> {
                List<Instant> batchHours = new ArrayList<>();
                List<Instant> speedHours = new ArrayList<>();
                for (Instant hour : hours) {
                    (batch.isPresent() && batch.get().covers(hour) ? batchHours : speedHours).add(hour);
                }
                yield new HourSplit(List.copyOf(batchHours), List.copyOf(speedHours));
            }
        };
    }
}
