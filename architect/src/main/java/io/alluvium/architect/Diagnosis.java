package io.alluvium.architect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The redesign of a failing platform: each symptom traced to the bottlenecks and settings that cause it,
 * the target design (every knob at the architect's choice), and the migration steps in a safe order.
 * Exists for current-state files ({@code current_state.symptoms}); other designs have none.
 */
public record Diagnosis(List<Finding> findings, Map<Knob<?>, Knob.Choice> targetChanges, double costNow, double costTarget,
                        List<String> migrationSteps) {

    /** One symptom and what explains it. */
    public record Finding(Symptom symptom, List<String> causes) {
    }

    /** Changes are applied in this order: free and reversible first, rewrites next, re-platforming last. */
    private static final List<Knob<?>> MIGRATION_ORDER = List.of(Knob.S3_ACCESS, Knob.TABLE_FORMAT, Knob.COMPACTION, Knob.PARTITIONED,
            Knob.CURATED_FORMAT, Knob.BRONZE_COMPRESSION, Knob.PRODUCER_COMPRESSION, Knob.LIFECYCLE_TIERS, Knob.CLUSTER, Knob.PURCHASE,
            Knob.CPU, Knob.BATCH_COMPUTE, Knob.FETCH_FROM_FOLLOWER,
            Knob.INGESTION, Knob.PIPELINE, Knob.WAREHOUSE, Knob.DASHBOARDS, Knob.SERVING, Knob.ORCHESTRATION);

    static Diagnosis of(Sizing current, List<Bottleneck> bottlenecks, Calibration cal) {
        Requirements r = current.requirements();
        List<Finding> findings = new ArrayList<>();
        for (Symptom s : r.symptoms()) {
            List<String> causes = new ArrayList<>();
            for (Bottleneck b : bottlenecks) {
                if (s.causes().contains(b.kind()) && b.severity() == Bottleneck.Severity.REACHED) {
                    causes.add(b.title() + ": " + b.observed() + " (threshold " + b.threshold() + ")");
                }
            }
            for (Knob.Setting setting : s.knobCauses()) {
                if (current.decisions().holds(setting)) {
                    causes.add("setting " + setting);
                }
            }
            if (causes.isEmpty()) {
                causes.add("not explained by the numbers of this file: measure it (alluvium doctor) before redesigning");
            }
            findings.add(new Finding(s, causes));
        }
        Map<Knob<?>, Knob.Choice> recommended = OptimizationAdvisor.recommended(r, cal).all();
        Map<Knob<?>, Knob.Choice> changes = Knob.map();
        for (Knob<?> k : Knob.values()) {
            if (current.decisions().all().get(k) != recommended.get(k)) {
                changes.put(k, recommended.get(k));
            }
        }
        Sizing target = Sizing.of(r.withoutDeployment().withChoices(changes), cal);
        List<String> steps = new ArrayList<>();
        for (Knob<?> k : MIGRATION_ORDER) {
            if (changes.containsKey(k)) {
                Knob.Choice now = current.decisions().all().get(k);
                steps.add(k.key() + " " + now.key() + " -> " + changes.get(k).key() + ": " + k.migrationStep(now, changes.get(k)));
            }
        }
        if (r.symptoms().contains(Symptom.NO_ACCESS_CONTROL) || r.security().pii()) {
            steps.add("governance: register every table in the Glue Data Catalog under Lake Formation, tag PII columns, grant by tag, "
                    + "re-encrypt PII prefixes with SSE-KMS (S3 Batch Operations copy in place)");
        }
        steps.add("verify: describe the new current state in this file and rerun alluvium design; the bottlenecks above must be gone");
        return new Diagnosis(findings, Map.copyOf(changes), current.cost().total(), target.cost().total(), steps);
    }
}
