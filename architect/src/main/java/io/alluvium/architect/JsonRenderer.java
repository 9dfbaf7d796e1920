package io.alluvium.architect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Prints a {@link Design} as JSON with stable, documented field names (see architect/README.md). Field
 * names are spelled out here, not derived from Java names, so that refactoring cannot rename them.
 */
public final class JsonRenderer {
    /** Bumped when a field is removed or changes meaning; adding fields does not bump it. */
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonRenderer() {
    }

    public static String render(Design d) {
        return write(design(d));
    }

    public static String renderComparison(Comparison c) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema_version", SCHEMA_VERSION);
        root.set("a", design(c.a()));
        root.set("b", design(c.b()));
        ObjectNode diff = root.putObject("difference");
        diff.put("total_usd_per_month", c.difference());
        diff.put("percent", c.differencePercent());
        diff.put("recommendation", c.recommendation());
        ArrayNode lines = diff.putArray("lines");
        for (Comparison.LineDelta l : c.lineDeltas()) {
            lines.addObject().put("id", l.id()).put("a_usd_per_month", l.a()).put("b_usd_per_month", l.b()).put("difference_usd_per_month", l.delta());
        }
        return write(root);
    }

    private static String write(ObjectNode n) {
        try {
            return JSON.writeValueAsString(n) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode design(Design d) {
        Requirements r = d.requirements();
        ObjectNode root = JSON.createObjectNode();
        root.put("schema_version", SCHEMA_VERSION);
        root.put("name", r.name());
        root.put("description", r.description());
        root.put("region", r.region());
        ObjectNode cal = root.putObject("calibration");
        cal.put("used_measurements", d.calibration().usedMeasurements());
        cal.put("measured_at", d.calibration().measuredAt());
        figure(cal, "kafka_partition_mb_per_s", d.calibration().kafkaPartitionMbPerSecond());
        figure(cal, "flink_rows_per_s_per_slot", d.calibration().flinkRowsPerSecondPerSlot());
        figure(cal, "spark_rows_per_s_per_core", d.calibration().sparkRowsPerSecondPerCore());
        ArrayNode assumptions = root.putArray("assumptions");
        r.assumptions().forEach(a -> assumptions.addObject().put("field", a.field()).put("value", a.value()).put("reason", a.reason()));
        ObjectNode decisions = root.putObject("decisions");
        for (Map.Entry<Knob<?>, Knob.Choice> e : d.decisions().all().entrySet()) {
            decisions.putObject(e.getKey().key()).put("value", e.getValue().key()).put("fixed_by_requirements", d.decisions().fixedByRequirements(e.getKey()));
        }
        ArrayNode services = root.putArray("services");
        for (ServiceChoice s : d.services()) {
            ObjectNode n = services.addObject().put("layer", s.layer().id()).put("service", s.service()).put("engine", s.engine()).put("why", s.why());
            ArrayNode rejected = n.putArray("rejected");
            s.rejected().forEach(x -> rejected.addObject().put("alternative", x.alternative()).put("why_not", x.whyNot()));
        }
        ArrayNode capacity = root.putArray("capacity");
        d.capacity().estimates().forEach(e -> capacity.addObject().put("id", e.id()).put("label", e.label()).put("value", e.value())
                .put("unit", e.unit()).put("formula", e.formula().text()));
        DecisionBudget.of(r, d.decisions()).ifPresentOrElse(b -> {
            ObjectNode path = root.putObject("decision_path").put("budget_ms", b.budgetMs()).put("total_ms", b.total().value())
                    .put("within_budget", b.within()).put("formula", b.total().text());
            ArrayNode steps = path.putArray("steps");
            b.steps().forEach(s -> steps.addObject().put("step", s.name()).put("ms", s.ms().value()).put("formula", s.ms().text()));
        }, () -> root.putNull("decision_path"));
        root.set("cost", cost(d));
        ArrayNode bottlenecks = root.putArray("bottlenecks");
        d.bottlenecks().forEach(b -> bottlenecks.addObject().put("kind", b.kind().id()).put("severity", b.severity().id()).put("title", b.title())
                .put("observed", b.observed()).put("threshold", b.threshold()).put("usd_per_month", b.stake().usdPerMonth())
                .put("usd_basis", b.stake().basis()).put("impact", b.impact()).put("fix", b.fix()));
        ArrayNode optimizations = root.putArray("optimizations");
        for (Optimization o : d.optimizations()) {
            ObjectNode n = optimizations.addObject().put("kind", o.kind().id()).put("name", o.name());
            ObjectNode changes = n.putObject("changes");
            o.changes().forEach((k, v) -> changes.put(k.key(), v.key()));
            n.put("cost_before_usd_per_month", o.costBefore()).put("cost_after_usd_per_month", o.costAfter())
                    .put("savings_usd_per_month", o.savingsUsd()).put("savings_percent", o.savingsPercent()).put("effect", o.effect());
        }
        root.set("failure_model", failures(d.failureModel()));
        d.diagnosis().ifPresentOrElse(x -> root.set("diagnosis", diagnosis(x)), () -> root.putNull("diagnosis"));
        return root;
    }

    private static void figure(ObjectNode parent, String name, Calibration.Figure f) {
        parent.putObject(name).put("value", f.value()).put("measured", f.measured()).put("source", f.source());
    }

    private static ObjectNode cost(Design d) {
        ObjectNode n = JSON.createObjectNode();
        n.put("currency", "USD");
        n.put("total_usd_per_month", d.cost().total());
        d.requirements().budgetUsdPerMonth().ifPresentOrElse(b -> n.put("budget_usd_per_month", b), () -> n.putNull("budget_usd_per_month"));
        n.put("price_table", "prices-" + d.prices().region() + ".yaml");
        ObjectNode byLayer = n.putObject("by_layer");
        d.cost().byLayer().forEach((l, v) -> byLayer.put(l.id(), v));
        ObjectNode byService = n.putObject("by_service");
        d.cost().byService().forEach(byService::put);
        ArrayNode lines = n.putArray("lines");
        for (CostLine l : d.cost().lines()) {
            PriceTable.Price p = d.prices().get(l.priceId());
            lines.addObject().put("id", l.id()).put("layer", l.layer().id()).put("service", l.service()).put("item", l.item())
                    .put("quantity", l.quantity()).put("unit", l.unit()).put("price_id", l.priceId()).put("price", l.priceLabel())
                    .put("price_as_of", p.asOf().toString()).put("price_source", p.source()).put("usd_per_month", l.usd()).put("formula", l.formula());
        }
        return n;
    }

    private static ObjectNode failures(FailureModel f) {
        ObjectNode n = JSON.createObjectNode();
        ArrayNode list = n.putArray("failures");
        f.failures().forEach(x -> list.addObject().put("component", x.component()).put("failure", x.failure()).put("recovery", x.recovery())
                .put("recovery_point", x.recoveryPoint()).put("recovery_time", x.recoveryTime()).put("meets_sla", x.meetsSla()));
        FailureModel.Evolution e = f.evolution();
        ObjectNode ev = n.putObject("evolution");
        ev.put("factor", e.factor()).put("cost_now_usd_per_month", e.costNow()).put("cost_at_factor_usd_per_month", e.costAtTenX())
                .put("bytes_per_day_in_1_year", e.volumeInOneYear()).put("bytes_per_day_in_3_years", e.volumeInThreeYears())
                .put("cost_in_3_years_usd_per_month", e.costInThreeYears());
        ArrayNode changes = ev.putArray("changes");
        e.changes().forEach(changes::add);
        return n;
    }

    private static ObjectNode diagnosis(Diagnosis x) {
        ObjectNode n = JSON.createObjectNode();
        ArrayNode findings = n.putArray("findings");
        for (Diagnosis.Finding f : x.findings()) {
            ObjectNode fn = findings.addObject().put("symptom", YamlSection.yamlName(f.symptom())).put("complaint", f.symptom().complaint());
            ArrayNode causes = fn.putArray("causes");
            f.causes().forEach(causes::add);
        }
        ObjectNode target = n.putObject("target_changes");
        x.targetChanges().forEach((k, v) -> target.put(k.key(), v.key()));
        n.put("cost_now_usd_per_month", x.costNow()).put("cost_target_usd_per_month", x.costTarget());
        ArrayNode steps = n.putArray("migration_steps");
        x.migrationSteps().forEach(steps::add);
        return n;
    }
}
