package io.alluvium.architect;

import static io.alluvium.architect.Quantities.duration;
import static io.alluvium.architect.Quantities.number;
import static io.alluvium.architect.Quantities.size;

import io.alluvium.architect.Bottleneck.Kind;
import io.alluvium.architect.Bottleneck.Stake;
import io.alluvium.architect.Knob.Warehouse;
import java.util.ArrayList;
import java.util.List;

/**
 * How fast the engines that answer SQL and dashboards respond (p99), against {@code users.query_latency}.
 * Exists because freshness (velocity.latency) says how old an answer may be, not how long a reader waits
 * for it: a dashboard that must answer in under a second cannot sit on Athena whatever the pipeline does.
 */
final class QueryLatency {
    /** Athena queues, plans and starts every query: about 2 s at p99 even for a tiny scan (planning figure). */
    static final double ATHENA_FLOOR_S = 2;
    /** Redshift answers a dashboard aggregate on Gold in about 1 s at p99, result cache aside (planning figure). */
    static final double REDSHIFT_FLOOR_S = 1;

    private QueryLatency() {
    }

    /** Whether dashboards need a warehouse because Athena cannot answer within the stated latency. */
    static boolean dashboardsNeedWarehouse(Requirements r) {
        return r.usage().dashboardQueriesPerDay() > 0 && r.usage().queryLatencySeconds().orElse(Double.POSITIVE_INFINITY) < ATHENA_FLOOR_S;
    }

    static double athenaSeconds(double bytesScanned) {
        return ATHENA_FLOOR_S + bytesScanned / Thresholds.ATHENA_SCAN_BYTES_PER_S;
    }

    /** One finding per query kind that has queries and whose engine's p99 exceeds the stated latency. */
    static List<Bottleneck> assess(Requirements r, Decisions d, CapacityPlan c, MonthlyCost cost) {
        List<Bottleneck> out = new ArrayList<>();
        if (r.usage().queryLatencySeconds().isEmpty()) {
            return out;
        }
        double required = r.usage().queryLatencySeconds().getAsDouble();
        boolean dashboardsOnAthena = d.is(Knob.WAREHOUSE, Warehouse.ATHENA);
        boolean sqlOnAthena = !d.is(Knob.WAREHOUSE, Warehouse.REDSHIFT);
        check(out, cost, "Dashboards", r.usage().dashboardQueriesPerDay(), dashboardsOnAthena, c.dashboardBytesPerQuery, required);
        check(out, cost, "Analyst SQL", r.usage().sqlQueriesPerDay(), sqlOnAthena, c.sqlBytesPerQuery, required);
        return out;
    }

    private static void check(List<Bottleneck> out, MonthlyCost cost, String who, double queriesPerDay, boolean onAthena, double bytes,
                              double required) {
        double p99 = onAthena ? athenaSeconds(bytes) : REDSHIFT_FLOOR_S;
        if (queriesPerDay <= 0 || p99 <= required) {
            return;
        }
        String engine = onAthena ? "Athena: " + duration(ATHENA_FLOOR_S) + " to start + " + size(bytes) + " at " + size(Thresholds.ATHENA_SCAN_BYTES_PER_S) + "/s"
                : "Redshift: about " + duration(REDSHIFT_FLOOR_S) + " per dashboard aggregate";
        out.add(new Bottleneck(Kind.QUERY_LATENCY, Bottleneck.Severity.REACHED, who + " slower than required",
                number(queriesPerDay) + " queries/day answer in about " + duration(p99) + " at p99 (" + engine + ")",
                "users.query_latency " + duration(required) + " at p99", "the requirement is not met by this design, whatever its freshness",
                "pre-aggregate into the serving store (key reads in milliseconds) or a real-time OLAP store (Apache Pinot, Druid or ClickHouse)",
                Stake.lines(cost, List.of(onAthena ? "athena.scan" : "redshift.nodes"))));
    }
}
