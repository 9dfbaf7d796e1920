package io.alluvium.architect;

/**
 * A limit the numbers run into (seed step 4), printed with the observed value and the threshold that
 * triggered it, so that a reviewer can disagree with the threshold rather than with a feeling.
 */
public record Bottleneck(Kind kind, String title, String observed, String threshold, String impact, String fix) {

    /** What breaks. */
    public enum Kind {
        SMALL_FILES, SKEWED_KEYS, HOT_PARTITION, DRIVER_MEMORY, NAT_TRAFFIC, METADATA_GROWTH, BACKPRESSURE,
        CONCURRENCY_LIMIT, FULL_SCANS, S3_REQUESTS, CROSS_AZ_TRAFFIC, IDLE_CLUSTER, OVER_BUDGET, BATCH_WINDOW, PII_EXPOSURE, DATA_VARIETY;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
