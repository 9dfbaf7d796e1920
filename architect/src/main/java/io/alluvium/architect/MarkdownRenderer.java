package io.alluvium.architect;

import static io.alluvium.architect.Quantities.number;
import static io.alluvium.architect.Quantities.size;
import static io.alluvium.architect.Quantities.usd;

import java.util.List;
import java.util.Map;

/**
 * Prints a {@link Design} as review-ready Markdown, in the order of the seed's method: assumptions first
 * (clarify requirements), then layers, capacity, cost, bottlenecks, optimizations, failure model.
 */
public final class MarkdownRenderer {
    private final StringBuilder out = new StringBuilder();

    public static String render(Design d) {
        MarkdownRenderer m = new MarkdownRenderer();
        m.design(d, "#");
        return m.out.toString();
    }

    private void design(Design d, String h) {
        Requirements r = d.requirements();
        line(h + " Design: " + r.name());
        if (!r.description().isBlank()) {
            line("");
            line(r.description().strip());
        }
        line("");
        List<java.time.LocalDate> asOf = d.cost().lines().stream().map(l -> d.prices().get(l.priceId()).asOf()).sorted().toList();
        line("Region " + r.region() + "; prices from prices-" + r.region() + ".yaml (AWS public On-Demand list prices, each with the day it is known "
                + "to hold on, here " + asOf.get(0) + " to " + asOf.get(asOf.size() - 1) + ": verify before buying); "
                + "throughput " + (d.calibration().usedMeasurements() ? "calibrated by alluvium bench (measured " + d.calibration().measuredAt() + ")"
                : "from documented defaults (no --calibration file)") + ".");
        line("");
        line("**Monthly cost: " + usd(d.cost().total()) + "**" + r.budgetUsdPerMonth().stream().mapToObj(b -> " (budget " + usd(b)
                + (d.cost().total() > b ? ": OVER" : ": within") + ")").findFirst().orElse("") + "; " + reached(d)
                + " bottleneck(s) and " + (d.bottlenecks().size() - reached(d)) + " near a threshold; " + d.services().size() + " service choices.");
        requirements(d, h + "#");
        services(d, h + "#");
        capacity(d, h + "#");
        cost(d, h + "#");
        bottlenecks(d, h + "#");
        optimizations(d, h + "#");
        failures(d, h + "#");
        d.diagnosis().ifPresent(x -> diagnosis(x, h + "#"));
    }

    private static long reached(Design d) {
        return d.bottlenecks().stream().filter(b -> b.severity() == Bottleneck.Severity.REACHED).count();
    }

    private void requirements(Design d, String h) {
        Requirements r = d.requirements();
        section(h, "1. Requirements (assumptions first)");
        if (r.assumptions().isEmpty()) {
            line("No assumptions: the file states every constraint.");
        } else {
            line("Assumed because the file did not say (challenge these first):");
            line("");
            table(List.of("field", "assumed", "why"), r.assumptions().stream().map(a -> List.of(a.field(), a.value(), a.reason())).toList());
        }
        Requirements.Volume v = r.volume();
        line("");
        line("- Volume: " + size(v.bytesPerDay()) + "/day of " + size(v.eventBytes()) + " events, peak x" + number(v.peakFactor()) + " (" + number(v.peakEventsPerSecond()) + " events/s)"
                + ", hot key " + number(v.hotKeyShare() * 100) + "%, " + v.sources() + " sources; retention log " + number(v.retention().logDays())
                + " d, bronze " + number(v.retention().bronzeDays()) + " d, silver " + number(v.retention().silverDays()) + " d, gold "
                + number(v.retention().goldDays()) + " d");
        line("- Velocity: " + YamlSection.yamlName(r.velocity().mode()) + ", latency " + Quantities.duration(r.velocity().latencySeconds())
                + ", batch window " + number(r.velocity().batchWindowHours()) + " h"
                + r.velocity().microBatchSeconds().stream().mapToObj(i -> ", micro-batch every " + Quantities.duration(i)).findFirst().orElse("")
                + r.velocity().writerParallelism().stream().mapToObj(w -> ", " + number(w) + " landing writers").findFirst().orElse(""));
        line("- Variety: " + r.variety().stream().map(YamlSection::yamlName).toList());
        line("- Users: " + r.usage().patterns().stream().map(YamlSection::yamlName).toList() + ", " + number(r.usage().sqlQueriesPerDay())
                + " SQL and " + number(r.usage().dashboardQueriesPerDay()) + " dashboard queries/day over " + number(r.usage().queryWindowDays())
                + " d, " + number(r.usage().pointLookupsPerSecond()) + " point lookups/s");
        line("- SLA: availability " + Quantities.percentage(r.sla().availabilityPercent()) + ", RPO " + Quantities.duration(r.sla().rpoSeconds()) + ", RTO "
                + Quantities.duration(r.sla().rtoSeconds()));
        line("- Security: PII " + r.security().pii() + ", encryption " + YamlSection.yamlName(r.security().encryption()) + ", residency "
                + r.security().residency());
        line("- Growth: " + number(r.growthPerYear() * 100) + "%/year");
        r.deployment().ifPresent(x -> line("- Current EMR deployment: " + x.emrNodes().stream().mapToObj(n -> number(n) + " worker nodes")
                .findFirst().orElse("nodes not stated") + ", " + x.busyHoursPerDay().stream().mapToObj(busy -> number(busy) + " h busy a day")
                .findFirst().orElse("busy hours not stated")));
    }

    private void services(Design d, String h) {
        section(h, "2. Layers, services and why");
        line("| knob | value | decided by |");
        line("|---|---|---|");
        for (Map.Entry<Knob<?>, Knob.Choice> e : d.decisions().all().entrySet()) {
            line("| " + e.getKey().key() + " | " + e.getValue().key() + " | " + (d.decisions().fixedByRequirements(e.getKey()) ? "requirements file" : "architect") + " |");
        }
        for (ServiceChoice s : d.services()) {
            line("");
            line(h + "# " + s.layer().title() + ": " + s.service());
            line("");
            line("- Runs locally as: " + s.engine());
            line("- Why: " + s.why());
            for (ServiceChoice.Rejected x : s.rejected()) {
                line("- Not " + x.alternative() + ": " + x.whyNot());
            }
        }
    }

    private void capacity(Design d, String h) {
        section(h, "3. Capacity (check it with a calculator)");
        table(List.of("figure", "value", "formula"), d.capacity().estimates().stream()
                .map(e -> List.of(e.label(), e.unit().equals("bytes") ? size(e.value()) : number(e.value()) + " " + e.unit(), e.formula().text())).toList());
        DecisionBudget.of(d.requirements(), d.decisions()).ifPresent(b -> {
            line("");
            line("Decision path per event (p99), against velocity.latency " + number(b.budgetMs()) + " ms:");
            line("");
            List<List<String>> rows = new java.util.ArrayList<>(b.steps().stream()
                    .map(s -> List.of(s.name(), number(s.ms().value()) + " ms", s.ms().text())).toList());
            rows.add(List.of("total", number(b.total().value()) + " ms", b.total().text()));
            table(List.of("step", "ms", "formula"), rows);
            line("");
            line(b.within() ? "Within budget: " + number(b.total().value()) + " ms of " + number(b.budgetMs()) + " ms."
                    : "OVER budget by " + number(b.total().value() - b.budgetMs()) + " ms (see bottlenecks).");
        });
        line("");
        line("Throughput figures:");
        Calibration c = d.calibration();
        line("- Kafka partition: " + number(c.kafkaPartitionMbPerSecond().value()) + " MB/s; " + c.kafkaPartitionMbPerSecond().source());
        line("- Flink slot: " + number(c.flinkRowsPerSecondPerSlot().value()) + " rows/s; " + c.flinkRowsPerSecondPerSlot().source());
        line("- Spark core: " + number(c.sparkRowsPerSecondPerCore().value()) + " rows/s; " + c.sparkRowsPerSecondPerCore().source());
    }

    private void cost(Design d, String h) {
        section(h, "4. Cost per month: " + usd(d.cost().total()));
        double total = d.cost().total();
        table(List.of("layer", "USD/month", "share"), d.cost().byLayer().entrySet().stream()
                .map(e -> List.of(e.getKey().title(), usd(e.getValue()), number(total == 0 ? 0 : 100 * e.getValue() / total) + "%")).toList());
        line("");
        table(List.of("service", "USD/month"), d.cost().byService().entrySet().stream().map(e -> List.of(e.getKey(), usd(e.getValue()))).toList());
        line("");
        table(List.of("line", "layer", "item", "quantity", "price", "USD/month"), d.cost().lines().stream()
                .map(l -> List.of(l.id(), l.layer().id(), l.service() + ": " + l.item(), number(l.quantity()) + " " + l.unit(), l.priceLabel(), usd(l.usd())))
                .toList());
        line("");
        line("Per-day quantities x 30 days; hourly resources x " + number(d.prices().hoursPerMonth()) + " h. Price sources:");
        d.cost().lines().stream().map(CostLine::priceId).distinct().forEach(id -> {
            PriceTable.Price p = d.prices().get(id);
            line("- " + id + ": " + p.label() + ", " + p.asOf() + ", " + p.source());
        });
    }

    private void bottlenecks(Design d, String h) {
        section(h, "5. Bottlenecks");
        if (d.bottlenecks().isEmpty()) {
            line("None triggered by the thresholds (see Thresholds in the README).");
            return;
        }
        table(List.of("bottleneck", "severity", "observed", "threshold", "USD/month at stake", "impact", "fix"), d.bottlenecks().stream()
                .map(b -> List.of(b.title(), b.severity() == Bottleneck.Severity.REACHED ? "reached" : "near (within "
                                + number(Thresholds.NEAR_SHARE * 100) + "%)", b.observed(), b.threshold(),
                        usd(b.stake().usdPerMonth()) + " (" + b.stake().basis() + ")", b.impact(), b.fix())).toList());
    }

    private void optimizations(Design d, String h) {
        section(h, "6. Optimizations");
        optimizationTable(d.optimizations().stream().filter(o -> o.kind() != Optimization.Kind.APPLIED).toList());
        List<Optimization> applied = d.optimizations().stream().filter(o -> o.kind() == Optimization.Kind.APPLIED).toList();
        if (!applied.isEmpty()) {
            line("");
            line("Already applied (not money left to save): what each practice saves against the cheaper design without it, "
                    + "with every other decision held or with warehouse, engine and store re-chosen.");
            line("");
            optimizationTable(applied);
        }
    }

    private void optimizationTable(List<Optimization> rows) {
        table(List.of("optimization", "before", "after", "saving", "effect"), rows.stream()
                .map(o -> List.of(o.name(), usd(o.costBefore()), usd(o.costAfter()), usd(o.savingsUsd()) + " (" + number(o.savingsPercent()) + "%)",
                        o.effect())).toList());
    }

    private void failures(Design d, String h) {
        section(h, "7. Failure model");
        table(List.of("component", "failure", "recovery", "recovery point", "recovery time", "meets SLA"), d.failureModel().failures().stream()
                .map(f -> List.of(f.component(), f.failure(), f.recovery(), f.recoveryPoint(), f.recoveryTime(), f.meetsSla() ? "yes" : "NO")).toList());
        FailureModel.Evolution e = d.failureModel().evolution();
        section(h, "8. Evolution");
        line("- At " + number(e.factor()) + "x volume:");
        e.changes().forEach(c -> line("  - " + c));
        line("- Growth " + number(d.requirements().growthPerYear() * 100) + "%/year: " + size(e.volumeInOneYear()) + "/day in 1 year, "
                + size(e.volumeInThreeYears()) + "/day in 3 years, costing about " + usd(e.costInThreeYears()) + "/month");
    }

    private void diagnosis(Diagnosis x, String h) {
        section(h, "9. Diagnosis, target and migration");
        for (Diagnosis.Finding f : x.findings()) {
            line("- Symptom " + YamlSection.yamlName(f.symptom()) + " (\"" + f.symptom().complaint() + "\"):");
            f.causes().forEach(c -> line("  - " + c));
        }
        line("");
        line("Target design: " + x.targetChanges().entrySet().stream().map(e -> e.getKey().key() + "=" + e.getValue().key()).sorted().toList()
                + "; cost " + usd(x.costNow()) + " -> " + usd(x.costTarget()) + " per month.");
        line("");
        line("Migration steps:");
        for (int i = 0; i < x.migrationSteps().size(); i++) {
            line((i + 1) + ". " + x.migrationSteps().get(i));
        }
    }

    private void section(String h, String title) {
        line("");
        line(h + " " + title);
        line("");
    }

    private void table(List<String> header, List<List<String>> rows) {
        line("| " + String.join(" | ", header) + " |");
        line("|" + "---|".repeat(header.size()));
        for (List<String> row : rows) {
            line("| " + String.join(" | ", row.stream().map(c -> c.replace("|", "\\|")).toList()) + " |");
        }
    }

    private void line(String s) {
        out.append(s).append('\n');
    }

    /** A compare report: both designs' headline figures side by side, then the cost difference per line. */
    public static String renderComparison(Comparison c) {
        MarkdownRenderer m = new MarkdownRenderer();
        m.line("# Compare: " + c.a().requirements().name() + " vs " + c.b().requirements().name());
        m.line("");
        m.line("**A: " + usd(c.a().cost().total()) + "/month, B: " + usd(c.b().cost().total()) + "/month; B - A = " + usd(c.difference())
                + " (" + number(c.differencePercent()) + "%)**");
        m.line("");
        m.line("**Recommendation:** " + c.recommendation());
        m.section("##", "Decisions");
        m.table(List.of("knob", "A", "B"), c.decisionRows());
        m.section("##", "Cost by layer");
        m.table(List.of("layer", "A", "B", "B - A"), c.layerRows());
        m.section("##", "Cost lines that differ");
        m.table(List.of("line", "A", "B", "B - A"), c.lineRows());
        m.section("##", "Bottlenecks");
        m.line("- A: " + c.a().bottlenecks().stream().map(Bottleneck::title).toList());
        m.line("- B: " + c.b().bottlenecks().stream().map(Bottleneck::title).toList());
        m.line("");
        m.line("---");
        m.line("");
        m.design(c.a(), "##");
        m.line("");
        m.design(c.b(), "##");
        return m.out.toString();
    }
}
