package io.alluvium.architect;

import io.alluvium.architect.Knob.Cluster;
import io.alluvium.architect.Knob.Cpu;
import io.alluvium.architect.Knob.CuratedFormat;
import io.alluvium.architect.Knob.Flag;
import io.alluvium.architect.Knob.Pipeline;
import io.alluvium.architect.Knob.Purchase;
import io.alluvium.architect.Knob.S3Access;
import io.alluvium.architect.Knob.TableFormat;
import java.util.List;
import java.util.Set;

/**
 * What users of a failing data lake complain about ({@code current_state.symptoms}). Exists so that a
 * redesign starts from the complaint and ends at the numbers that explain it: each symptom names the
 * bottlenecks and knob settings that can cause it.
 */
public enum Symptom {
    SLOW_QUERIES("queries take minutes", Set.of(Bottleneck.Kind.SMALL_FILES, Bottleneck.Kind.FULL_SCANS, Bottleneck.Kind.METADATA_GROWTH),
            List.of(Knob.PARTITIONED.at(Flag.FALSE), Knob.CURATED_FORMAT.at(CuratedFormat.JSON), Knob.COMPACTION.at(Flag.FALSE))),
    HIGH_COST("the AWS bill keeps growing", Set.of(Bottleneck.Kind.NAT_TRAFFIC, Bottleneck.Kind.IDLE_CLUSTER, Bottleneck.Kind.FULL_SCANS,
            Bottleneck.Kind.S3_REQUESTS, Bottleneck.Kind.CROSS_AZ_TRAFFIC, Bottleneck.Kind.OVER_BUDGET),
            List.of(Knob.PURCHASE.at(Purchase.ON_DEMAND), Knob.CPU.at(Cpu.X86), Knob.CLUSTER.at(Cluster.ALWAYS_ON),
                    Knob.LIFECYCLE_TIERS.at(Flag.FALSE), Knob.S3_ACCESS.at(S3Access.NAT_GATEWAY))),
    FAILING_JOBS("nightly Spark jobs fail with driver OutOfMemory", Set.of(Bottleneck.Kind.DRIVER_MEMORY, Bottleneck.Kind.SMALL_FILES, Bottleneck.Kind.SKEWED_KEYS),
            List.of(Knob.COMPACTION.at(Flag.FALSE))),
    DUPLICATE_RECORDS("reruns double the numbers", Set.of(), List.of(Knob.TABLE_FORMAT.at(TableFormat.HIVE))),
    SCHEMA_BREAKS("a new field breaks readers", Set.of(), List.of(Knob.TABLE_FORMAT.at(TableFormat.HIVE))),
    STALE_DATA("dashboards are a day late", Set.of(Bottleneck.Kind.BATCH_WINDOW, Bottleneck.Kind.SMALL_FILES), List.of(Knob.PIPELINE.at(Pipeline.BATCH))),
    NO_ACCESS_CONTROL("anyone can read PII", Set.of(Bottleneck.Kind.PII_EXPOSURE), List.of());

    private final String complaint;
    private final Set<Bottleneck.Kind> causes;
    private final List<Knob.Setting> knobCauses;

    Symptom(String complaint, Set<Bottleneck.Kind> causes, List<Knob.Setting> knobCauses) {
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

    /** Knob settings that cause this symptom, in the order the report lists them. */
    List<Knob.Setting> knobCauses() {
        return knobCauses;
    }
}
