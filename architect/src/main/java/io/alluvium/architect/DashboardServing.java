package io.alluvium.architect;

import static io.alluvium.architect.Quantities.duration;
import static io.alluvium.architect.Quantities.number;
import static io.alluvium.architect.Quantities.usd;

import io.alluvium.architect.Knob.DashboardStore;
import io.alluvium.architect.Knob.Warehouse;
import io.alluvium.architect.ServiceChoice.Rejected;
import java.util.List;

/**
 * Explains the store dashboards get when {@code users.query_latency} is below what Athena and Redshift answer in:
 * a real-time OLAP cluster, or tiles the pipeline pre-aggregates into DynamoDB. Exists apart from the warehouse's
 * explanation because the two serve different readers (analysts' ad-hoc SQL, dashboards' fixed aggregates) and
 * each needs its own why and why not.
 */
final class DashboardServing {
    private DashboardServing() {
    }

    static ServiceChoice explain(Requirements r, Decisions d, CapacityPlan c, PriceTable prices) {
        String latency = "users.query_latency " + duration(r.usage().queryLatencySeconds().orElse(Double.POSITIVE_INFINITY));
        String note = "; " + d.reason(Knob.DASHBOARDS);
        Rejected warehouse = new Rejected("Redshift or Athena for dashboards", "p99 floors of about " + duration(QueryLatency.REDSHIFT_FLOOR_S) + " and "
                + duration(QueryLatency.ATHENA_FLOOR_S) + " against " + latency + (QueryLatency.meets(r, Warehouse.BOTH, DashboardStore.WAREHOUSE)
                ? "; Redshift meets it, at the cost in the reason" : ": neither meets it"));
        Rejected tiles = new Rejected("Pre-aggregated tiles in DynamoDB", r.usage().dashboardDrilldown()
                ? "tiles computed in advance cannot answer the filters and drill-down users ask for (users.dashboard_drilldown)"
                : "milliseconds per tile, but only for tiles computed in advance; at the cost in the reason");
        PriceTable.Price node = prices.get(CostModel.OLAP_NODE);
        Rejected olap = new Rejected("Real-time OLAP (Apache Pinot on EC2)", "at least " + number(CapacityPlan.MIN_OLAP_NODES) + " "
                + node.description() + " nodes around the clock (" + usd(node.charge(CapacityPlan.MIN_OLAP_NODES * prices.hoursPerMonth()))
                + "/month) for dashboards whose tiles can be computed in advance");
        Rejected peers = new Rejected("Apache Druid or ClickHouse on EC2, or a managed offering (ClickHouse Cloud, StarTree, Imply)",
                "the same class of segment store with sub-second aggregates; Pinot's star-tree index and upserts fit pre-aggregated dashboards, "
                        + "and a managed offering trades the EC2 bill for a subscription outside the AWS price table");
        if (d.is(Knob.DASHBOARDS, DashboardStore.REALTIME_OLAP)) {
            return new ServiceChoice(Layer.SERVING, "Apache Pinot on EC2 (real-time OLAP for dashboards)", "Spark SQL on Gold (no local OLAP engine)",
                    latency + ": Pinot answers aggregates from star-tree segments in about " + duration(QueryLatency.REALTIME_OLAP_P99_S) + " at p99; "
                            + number(c.olapNodes) + " nodes hold " + number(c.olapGb) + " GB of Gold segments (the query window, replicated), "
                            + "loaded from Gold on S3 and kept fresh from the log" + note, List.of(tiles, peers, warehouse));
        }
        return new ServiceChoice(Layer.SERVING, "Pre-aggregated dashboard tiles in Amazon DynamoDB", "redis-server (child process)",
                latency + ": the Gold job and the stream upsert each tile's aggregate at every refresh (" + number(c.dashboardKvWritesPerDay)
                        + " writes/day); a dashboard reads its tiles by key in about " + duration(QueryLatency.KEY_VALUE_P99_S) + " at p99" + note,
                List.of(olap, warehouse));
    }
}
