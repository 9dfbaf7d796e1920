package io.alluvium.architect;

import static io.alluvium.architect.Quantities.duration;
import static io.alluvium.architect.Quantities.number;
import static io.alluvium.architect.Quantities.size;

import io.alluvium.architect.Bottleneck.Kind;
import io.alluvium.architect.Bottleneck.Stake;
import io.alluvium.architect.Knob.DashboardStore;
import io.alluvium.architect.Knob.Warehouse;
import java.util.ArrayList;
import java.util.List;

/**
 * How fast the engines that answer SQL and dashboards respond (p99), against {@code users.query_latency}.
 * Exists because freshness (velocity.latency) says how old an answer may be, not how long a reader waits
 * for it: a dashboard that must answer in under a second cannot sit on Athena or Redshift whatever the
 * pipeline does, so it gets a store of its own (real-time OLAP, or tiles pre-aggregated into a key-value store).
 */
final class QueryLatency {
    /** Athena queues, plans and starts every query: about 2 s at p99 even for a tiny scan (planning figure). */
    static final double ATHENA_FLOOR_S = 2;
    /** Redshift answers a dashboard aggregate on Gold in about 1 s at p99, result cache aside (planning figure). */
    static final double REDSHIFT_FLOOR_S = 1;
    /** Apache Pinot (or Druid, ClickHouse) answers a dashboard aggregate from star-tree or pre-aggregated segments in about 100 ms at p99 (planning figure). */
    static final double REALTIME_OLAP_P99_S = 0.1;
    /** A DynamoDB read of a pre-aggregated tile: single-digit milliseconds, about 10 ms at p99 (planning figure). */
    static final double KEY_VALUE_P99_S = DecisionBudget.DYNAMODB_MS / 1000;

    private QueryLatency() {
    }

    static double athenaSeconds(double bytesScanned) {
        return ATHENA_FLOOR_S + bytesScanned / Thresholds.ATHENA_SCAN_BYTES_PER_S;
    }

    /** The p99 floor of what answers dashboards: the warehouse's engine, or a store of their own. */
    static double dashboardFloor(Knob.Choice warehouse, Knob.Choice store) {
        if (store == DashboardStore.REALTIME_OLAP) {
            return REALTIME_OLAP_P99_S;
        }
        if (store == DashboardStore.KEY_VALUE) {
            return KEY_VALUE_P99_S;
        }
        return warehouse == Warehouse.ATHENA ? ATHENA_FLOOR_S : REDSHIFT_FLOOR_S;
    }

    private static double required(Requirements r) {
        return r.usage().queryLatencySeconds().orElse(Double.POSITIVE_INFINITY);
    }

    /** Whether dashboards placed so can answer within users.query_latency (always, without dashboards or a stated latency). */
    static boolean meets(Requirements r, Knob.Choice warehouse, Knob.Choice store) {
        return r.usage().dashboardQueriesPerDay() <= 0 || dashboardFloor(warehouse, store) <= required(r);
    }

    /**
     * The dashboard stores worth costing: the warehouse alone while Athena is fast enough; else the warehouse, real-time
     * OLAP and, unless users drill down, pre-aggregated tiles (the architect then rules out those too slow).
     */
    static List<Knob.Choice> dashboardStores(Requirements r) {
        if (r.usage().dashboardQueriesPerDay() <= 0 || required(r) >= ATHENA_FLOOR_S) {
            return List.of(DashboardStore.WAREHOUSE);
        }
        return r.usage().dashboardDrilldown() ? List.of(DashboardStore.WAREHOUSE, DashboardStore.REALTIME_OLAP)
                : List.of(DashboardStore.WAREHOUSE, DashboardStore.REALTIME_OLAP, DashboardStore.KEY_VALUE);
    }

    /** Why a placement was ruled out: its engine's p99 floor against the stated latency. */
    static String missed(Requirements r, Knob.Choice warehouse, Knob.Choice store) {
        return "p99 floor " + duration(dashboardFloor(warehouse, store)) + " > users.query_latency " + duration(required(r));
    }

    /** One finding per query kind that has queries and whose engine's p99 exceeds the stated latency. */
    static List<Bottleneck> assess(Requirements r, Decisions d, CapacityPlan c, MonthlyCost cost) {
        List<Bottleneck> out = new ArrayList<>();
        if (r.usage().queryLatencySeconds().isEmpty()) {
            return out;
        }
        double required = required(r);
        DashboardStore store = d.get(Knob.DASHBOARDS);
        boolean sqlOnAthena = !d.is(Knob.WAREHOUSE, Warehouse.REDSHIFT);
        if (store == DashboardStore.WAREHOUSE) {
            boolean onAthena = d.is(Knob.WAREHOUSE, Warehouse.ATHENA);
            check(out, cost, "Dashboards", r.usage().dashboardQueriesPerDay(), onAthena ? athenaSeconds(c.dashboardBytesPerQuery) : REDSHIFT_FLOOR_S,
                    engine(onAthena, c.dashboardBytesPerQuery), onAthena ? "athena.scan" : "redshift.nodes", required);
        } else {
            boolean olap = store == DashboardStore.REALTIME_OLAP;
            check(out, cost, "Dashboards", r.usage().dashboardQueriesPerDay(), olap ? REALTIME_OLAP_P99_S : KEY_VALUE_P99_S,
                    olap ? "real-time OLAP: about " + duration(REALTIME_OLAP_P99_S) + " per aggregate"
                            : "pre-aggregated tiles in DynamoDB: about " + duration(KEY_VALUE_P99_S) + " per read",
                    olap ? "olap.nodes" : "dashboards.kv_reads", required);
        }
        check(out, cost, "Analyst SQL", r.usage().sqlQueriesPerDay(), sqlOnAthena ? athenaSeconds(c.sqlBytesPerQuery) : REDSHIFT_FLOOR_S,
                engine(sqlOnAthena, c.sqlBytesPerQuery), sqlOnAthena ? "athena.scan" : "redshift.nodes", required);
        return out;
    }

    private static String engine(boolean onAthena, double bytes) {
        return onAthena ? "Athena: " + duration(ATHENA_FLOOR_S) + " to start + " + size(bytes) + " at " + size(Thresholds.ATHENA_SCAN_BYTES_PER_S) + "/s"
                : "Redshift: about " + duration(REDSHIFT_FLOOR_S) + " per dashboard aggregate";
    }

    private static void check(List<Bottleneck> out, MonthlyCost cost, String who, double queriesPerDay, double p99, String engine, String line,
                              double required) {
        if (queriesPerDay <= 0 || p99 <= required) {
            return;
        }
        out.add(new Bottleneck(Kind.QUERY_LATENCY, Bottleneck.Severity.REACHED, who + " slower than required",
                number(queriesPerDay) + " queries/day answer in about " + duration(p99) + " at p99 (" + engine + ")",
                "users.query_latency " + duration(required) + " at p99", "the requirement is not met by this design, whatever its freshness",
                "pre-aggregate into a key-value store (reads in milliseconds) or a real-time OLAP store (Apache Pinot, Druid or ClickHouse)",
                Stake.lines(cost, List.of(line))));
    }
}
