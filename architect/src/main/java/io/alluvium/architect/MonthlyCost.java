package io.alluvium.architect;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The itemized monthly bill of one design, with its totals by layer and by service. Exists so that
 * renderers and comparisons total the same lines the same way.
 */
public record MonthlyCost(List<CostLine> lines) {

    public double total() {
        return lines.stream().mapToDouble(CostLine::usd).sum();
    }

    public Map<Layer, Double> byLayer() {
        Map<Layer, Double> out = new EnumMap<>(Layer.class);
        for (CostLine l : lines) {
            out.merge(l.layer(), l.usd(), Double::sum);
        }
        return out;
    }

    public Map<String, Double> byService() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (CostLine l : lines) {
            out.merge(l.service(), l.usd(), Double::sum);
        }
        return out;
    }

    public double line(String id) {
        return lines.stream().filter(l -> l.id().equals(id)).mapToDouble(CostLine::usd).sum();
    }
}
