package io.alluvium.architect;

import static io.alluvium.architect.Quantities.usd;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Two designs side by side ({@code --compare a.yaml b.yaml}): the decisions that differ and the monthly
 * cost difference by layer and by line. Exists for questions such as "why not Redshift instead of
 * S3 + Spark" and before/after cost cuts.
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
