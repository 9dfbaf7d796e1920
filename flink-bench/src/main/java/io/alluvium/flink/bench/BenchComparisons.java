package io.alluvium.flink.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Adds a comparison to a bench's result line in the shape the CLI reads: the metric, the ratio, the
 * target as text and whether it was met (the CLI recomputes {@code met} from the target).
 */
final class BenchComparisons {
    private BenchComparisons() {
    }

    static void add(ArrayNode comparisons, String metric, double ratio, String target, double bound, boolean atLeast) {
        ObjectNode c = comparisons.addObject();
        c.put("metric", metric);
        c.put("ratio", Math.round(ratio * 1000) / 1000.0);
        c.put("target", target);
        c.put("met", atLeast ? ratio >= bound : ratio <= bound);
    }
}
