package io.alluvium.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.cli.Console;
import io.alluvium.cli.JobFailure;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One figure of a bench set against its target, e.g. the generator's records/s over Kafka's own tool's,
 * target {@code >= 0.8}. Exists so that whether a target is met is decided in one place, from the ratio
 * and the target text, for Alluvium's own benches and for those the engine modules report alike.
 *
 * @param target {@code ">= 0.8"} or {@code "<= 1.2"} (also with ≥ and ≤)
 */
record BenchComparison(String metric, double ratio, String target) {
    private static final Pattern TARGET = Pattern.compile("\\s*(>=|<=|≥|≤)\\s*(\\d+(?:\\.\\d+)?)\\s*");

    BenchComparison {
        if (!TARGET.matcher(target).matches()) {
            throw new IllegalArgumentException("target of \"" + metric + "\" must read \">= X\" or \"<= X\", got \""
                    + target + "\"");
        }
        if (!Double.isFinite(ratio) || ratio < 0) {
            throw new IllegalArgumentException("ratio of \"" + metric + "\" must be a finite number >= 0, got " + ratio);
        }
    }

    /** {@code ours / baseline}; a baseline of zero measured nothing, which no ratio can describe. */
    static BenchComparison of(String metric, double ours, double baseline, String target) {
        if (!(baseline > 0)) {
            throw new JobFailure("cannot compare \"" + metric + "\": the baseline measured " + baseline);
        }
        return new BenchComparison(metric, ours / baseline, target);
    }

    boolean met() {
        Matcher m = TARGET.matcher(target);
        m.matches();
        double bound = Double.parseDouble(m.group(2));
        boolean atLeast = m.group(1).equals(">=") || m.group(1).equals("≥");
        return atLeast ? ratio >= bound : ratio <= bound;
    }

    ObjectNode toJson() {
        ObjectNode n = Console.JSON.createObjectNode();
        n.put("metric", metric);
        n.put("ratio", Math.round(ratio * 1000) / 1000.0);
        n.put("target", target);
        n.put("met", met());
        return n;
    }

    /** A comparison as an engine module's bench reports it; its own {@code met} is recomputed here. */
    static BenchComparison fromJson(JsonNode n) {
        if (!n.path("metric").isTextual() || !n.path("ratio").isNumber() || !n.path("target").isTextual()) {
            throw new IllegalArgumentException("a comparison needs metric (text), ratio (number) and target (text): " + n);
        }
        return new BenchComparison(n.get("metric").asText(), n.get("ratio").asDouble(), n.get("target").asText());
    }
}
