package io.alluvium.architect;

import static io.alluvium.architect.Quantities.number;

import java.util.Map;
import java.util.Optional;

/**
 * How far a set of decisions is from the latencies the requirements state: dashboards against users.query_latency
 * (the p99 floor of what answers them) and the decision path against velocity.latency. Exists so that the
 * architect costs only the combinations that meet both, rules the others out with the reason, and, when none
 * meets them, keeps the least late.
 */
final class LatencyFit {
    private LatencyFit() {
    }

    private static double dashboards(Requirements r, Map<Knob<?>, Knob.Choice> m) {
        return r.usage().dashboardQueriesPerDay() <= 0 ? 0 : QueryLatency.dashboardFloor(m.get(Knob.WAREHOUSE), m.get(Knob.DASHBOARDS))
                / r.usage().queryLatencySeconds().orElse(Double.POSITIVE_INFINITY);
    }

    private static Optional<DecisionBudget> path(Requirements r, Map<Knob<?>, Knob.Choice> m) {
        return DecisionBudget.of(r, m.get(Knob.INGESTION), m.get(Knob.SERVING));
    }

    /** 0 when every stated latency is met, else how far over the worst one is, as a share of it. */
    static double lateness(Requirements r, Map<Knob<?>, Knob.Choice> m) {
        double decision = path(r, m).map(b -> b.total().value() / b.budgetMs()).orElse(0.0);
        return Math.max(0, Math.max(dashboards(r, m), decision) - 1);
    }

    /** What a late combination misses, for the reason that rules it out. */
    static String missed(Requirements r, Map<Knob<?>, Knob.Choice> m) {
        if (dashboards(r, m) > 1) {
            return QueryLatency.missed(r, m.get(Knob.WAREHOUSE), m.get(Knob.DASHBOARDS));
        }
        DecisionBudget b = path(r, m).orElseThrow();
        return "decision path " + number(b.total().value()) + " ms > velocity.latency " + number(b.budgetMs()) + " ms";
    }
}
