package io.alluvium.architect;

import java.util.Set;

/**
 * What users of a failing data lake complain about ({@code current_state.symptoms}). Exists so that a
 * redesign starts from the complaint and ends at the numbers that explain it: each symptom names the
 * bottlenecks and knob settings that can cause it.
 */
public enum Symptom {
    SLOW_QUERIES("queries take minutes", Set.of(Bottleneck.Kind.SMALL_FILES, Bottleneck.Kind.FULL_SCANS, Bottleneck.Kind.METADATA_GROWTH),
            Set.of("partitioned=false", "curated_format=json", "compaction=false")),
    HIGH_COST("the AWS bill keeps growing", Set.of(Bottleneck.Kind.NAT_TRAFFIC, Bottleneck.Kind.IDLE_CLUSTER, Bottleneck.Kind.FULL_SCANS,
            Bottleneck.Kind.S3_REQUESTS, Bottleneck.Kind.CROSS_AZ_TRAFFIC, Bottleneck.Kind.OVER_BUDGET),
            Set.of("purchase=on_demand", "cpu=x86", "cluster=always_on", "lifecycle_tiers=false", "s3_access=nat_gateway")),
    FAILING_JOBS("nightly Spark jobs fail with driver OutOfMemory", Set.of(Bottleneck.Kind.DRIVER_MEMORY, Bottleneck.Kind.SMALL_FILES, Bottleneck.Kind.SKEWED_KEYS),
            Set.of("compaction=false")),
    DUPLICATE_RECORDS("reruns double the numbers", Set.of(), Set.of("table_format=hive")),
    SCHEMA_BREAKS("a new field breaks readers", Set.of(), Set.of("table_format=hive")),
    STALE_DATA("dashboards are a day late", Set.of(Bottleneck.Kind.BATCH_WINDOW, Bottleneck.Kind.SMALL_FILES), Set.of("pipeline=batch")),
    NO_ACCESS_CONTROL("anyone can read PII", Set.of(Bottleneck.Kind.PII_EXPOSURE), Set.of());

    private final String complaint;
    private final Set<Bottleneck.Kind> causes;
    private final Set<String> knobCauses;

    Symptom(String complaint, Set<Bottleneck.Kind> causes, Set<String> knobCauses) {
        this.complaint = complaint;
        this.causes = causes;
        this.knobCauses = knobCauses;
    }

    public String complaint() {
        return complaint;
    }

    Set<Bottleneck.Kind> causes() {
        return causes;
    }

    /** Knob settings ("key=value") that cause this symptom. */
    Set<String> knobCauses() {
        return knobCauses;
    }
}
