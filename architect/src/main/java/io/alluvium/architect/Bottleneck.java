package io.alluvium.architect;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A limit the numbers run into (seed step 4), printed with the observed value and the threshold that
 * triggered it, so that a reviewer can disagree with the threshold rather than with a feeling; a value
 * within {@link Thresholds#NEAR_SHARE} of its threshold is reported too, as near. Each carries the monthly
 * dollars at stake, so that findings can be ranked by money as well as by risk.
 */
public record Bottleneck(Kind kind, Severity severity, String title, String observed, String threshold, String impact, String fix,
                         Stake stake) {

    /** What breaks. */
    public enum Kind {
        SMALL_FILES, SKEWED_KEYS, HOT_PARTITION, DRIVER_MEMORY, NAT_TRAFFIC, METADATA_GROWTH, BACKPRESSURE,
        CONCURRENCY_LIMIT, FULL_SCANS, S3_REQUESTS, CROSS_AZ_TRAFFIC, IDLE_CLUSTER, OVER_BUDGET, BATCH_WINDOW, PII_EXPOSURE, DATA_VARIETY,
        STARTUP_OVERHEAD, QUERY_LATENCY, LATENCY_BUDGET;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Whether the threshold is crossed, or the value is close enough to it to plan for. */
    public enum Severity {
        REACHED, NEAR;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The monthly dollars a finding is about, and how they were added up (cost line ids, a share of them, or the fix). */
    public record Stake(double usdPerMonth, String basis) {
        /** The sum of the given cost lines that this design bills (a line it does not bill is left out of the basis). */
        static Stake lines(MonthlyCost cost, List<String> ids) {
            return share(cost, 1, "", ids);
        }

        /** A share of the given cost lines, e.g. the idle hours of a cluster. */
        static Stake share(MonthlyCost cost, double share, String what, List<String> ids) {
            List<String> billed = ids.stream().filter(id -> cost.lines().stream().anyMatch(l -> l.id().equals(id))).toList();
            double usd = share * billed.stream().mapToDouble(cost::line).sum();
            String sum = billed.isEmpty() ? "no billed line" : billed.stream().collect(Collectors.joining(" + "));
            return new Stake(usd, share == 1 ? sum : Quantities.number(share * 100) + "% " + what + " of " + sum);
        }
    }
}
