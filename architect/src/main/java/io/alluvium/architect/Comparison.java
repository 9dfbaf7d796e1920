package io.alluvium.architect;

import static io.alluvium.architect.Quantities.usd;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Two designs side by side ({@code --compare a.yaml b.yaml}): the decisions that differ, the monthly
 * cost difference by layer and by line, and which side to take. Exists for questions such as "why not
 * Redshift instead of S3 + Spark" and before/after cost cuts; the recommendation follows the numbers, and
 * names the reason when it does not take the cheaper side.
 */
public record Comparison(Design a, Design b) {

    /** B minus A, USD per month. */
    public double difference() {
        return b.cost().total() - a.cost().total();
    }

    /** B minus A as a percentage of A. */
    public double differencePercent() {
        return a.cost().total() == 0 ? 0 : 100 * difference() / a.cost().total();
    }

    /**
     * The cheaper side, unless it has reached bottlenecks or failed SLAs the other has not: then the dearer side,
     * with those problems as the reason. Either way with the cost at 10x the data, and a warning when it flips there.
     */
    public String recommendation() {
        boolean bCheaper = difference() < 0;
        Design cheap = bCheaper ? b : a;
        Design dear = bCheaper ? a : b;
        String cheapName = bCheaper ? "B" : "A";
        String dearName = bCheaper ? "A" : "B";
        List<String> cheapOnly = problems(cheap);
        cheapOnly.removeAll(problems(dear));
        List<String> dearOnly = problems(dear);
        dearOnly.removeAll(problems(cheap));
        double gap = Math.abs(difference());
        String verdict = !cheapOnly.isEmpty()
                ? "Recommend " + dearName + " although it costs " + usd(gap) + " more a month: " + cheapName + " has " + String.join(", ", cheapOnly)
                + " and " + dearName + " has not"
                : "Recommend " + cheapName + ": " + usd(gap) + " a month less (" + Quantities.number(100 * gap / dear.cost().total()) + "% of "
                + dearName + "'s bill)" + (dearOnly.isEmpty() ? "" : ", and " + dearName + " has " + String.join(", ", dearOnly));
        double cheapAt10x = cheap.failureModel().evolution().costAtTenX();
        double dearAt10x = dear.failureModel().evolution().costAtTenX();
        return verdict + ". At 10x the data: " + cheapName + " " + usd(cheapAt10x) + ", " + dearName + " " + usd(dearAt10x) + " a month"
                + (cheapAt10x > dearAt10x ? ": " + dearName + " becomes the cheaper, so revisit before that growth." : ".");
    }

    /** Reached bottlenecks and failed SLAs, by name. */
    private static List<String> problems(Design d) {
        List<String> out = new ArrayList<>();
        d.bottlenecks().stream().filter(x -> x.severity() == Bottleneck.Severity.REACHED).forEach(x -> out.add("\"" + x.title() + "\""));
        d.failureModel().failures().stream().filter(f -> !f.meetsSla()).forEach(f -> out.add("a failed SLA (" + f.component() + ")"));
        return out;
    }

    List<List<String>> decisionRows() {
        List<List<String>> rows = new ArrayList<>();
        for (Knob<?> k : Knob.values()) {
            Knob.Choice va = a.decisions().all().get(k);
            Knob.Choice vb = b.decisions().all().get(k);
            if (va != vb) {
                rows.add(List.of(k.key(), va.key(), vb.key()));
            }
        }
        return rows;
    }

    List<List<String>> layerRows() {
        List<List<String>> rows = new ArrayList<>();
        for (Layer l : Layer.values()) {
            double va = a.cost().byLayer().getOrDefault(l, 0.0);
            double vb = b.cost().byLayer().getOrDefault(l, 0.0);
            if (va != 0 || vb != 0) {
                rows.add(List.of(l.title(), usd(va), usd(vb), usd(vb - va)));
            }
        }
        return rows;
    }

    /** Every cost line whose amount differs, largest difference first. */
    List<LineDelta> lineDeltas() {
        Set<String> ids = new LinkedHashSet<>();
        a.cost().lines().forEach(l -> ids.add(l.id()));
        b.cost().lines().forEach(l -> ids.add(l.id()));
        List<LineDelta> out = new ArrayList<>();
        for (String id : ids) {
            double va = a.cost().line(id);
            double vb = b.cost().line(id);
            if (Math.abs(vb - va) >= 0.005) {
                out.add(new LineDelta(id, va, vb));
            }
        }
        out.sort((x, y) -> Double.compare(Math.abs(y.delta()), Math.abs(x.delta())));
        return out;
    }

    List<List<String>> lineRows() {
        return lineDeltas().stream().map(d -> List.of(d.id(), usd(d.a()), usd(d.b()), usd(d.delta()))).toList();
    }

    /** One cost line in both designs. */
    public record LineDelta(String id, double a, double b) {
        public double delta() {
            return b - a;
        }
    }
}
