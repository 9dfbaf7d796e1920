package io.alluvium.serving;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import java.util.Locale;

/**
 * {@code serving.view}: which of the store's two views answers city sales per hour (flink-jobs/REALTIME.md,
 * *Batch view*). {@link #LAMBDA} merges them at the batch watermark, the other two read one of them.
 */
public enum ServedView {
    /** The batch's values for the hours up to its watermark, the speed view's after it; all speed while nothing is published. */
    LAMBDA,
    /** What the realtime job wrote ({@code city_hour}). */
    SPEED,
    /** Gold as {@code alluvium batch} published it: nothing while nothing is published. */
    BATCH;

    /** The view {@code serving.view} names (the setting allows no other). */
    public static ServedView of(AlluviumConfig config) {
        return valueOf(config.getString(AlluviumSettings.SERVING_VIEW).toUpperCase(Locale.ROOT));
    }

    /** As the setting and the answers spell it: {@code lambda}, {@code speed}, {@code batch}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
