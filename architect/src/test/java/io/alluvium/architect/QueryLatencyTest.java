package io.alluvium.architect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alluvium.architect.Bottleneck.Kind;
import io.alluvium.architect.Knob.DashboardStore;
import io.alluvium.architect.Knob.Warehouse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A query latency (p99) is a requirement of its own, apart from freshness: dashboards that Athena or Redshift
 * cannot answer in time get a store of their own (tiles pre-aggregated into DynamoDB, or real-time OLAP when
 * users drill down), chosen by cost with the reason; a design that still cannot answer says so with its dollars.
 * 100 GB/day, batch: Gold is 100 GB x 0.12 x 0.05 = 0.6 GB/day; 2,000 dashboard queries/day; 24 runs/day.
 */
class QueryLatencyTest {
    private static final double H = 730;

    private static Design dashboards(String latency, String more) {
        return Architect.design(Fixtures.parse("""
                volume: {per_day: 100 GB}
                users: {patterns: [dashboards], query_latency: %s%s}
                """.formatted(latency, more)), Calibration.defaults());
    }

    private static List<Bottleneck> slow(Design d) {
        return d.bottlenecks().stream().filter(b -> b.kind() == Kind.QUERY_LATENCY).toList();
    }

    private static ServiceChoice dashboardStore(Design d) {
        return d.services().stream().filter(s -> s.service().contains("dashboard")).findFirst().orElseThrow();
    }

    @Test
    void fixedTilesUnderAthenasFloorArePreAggregatedIntoDynamoDbWithTheReason() {
        Design d = dashboards("1500 ms", "");
        assertThat(d.decisions().get(Knob.DASHBOARDS)).isEqualTo(DashboardStore.KEY_VALUE);
        assertThat(d.decisions().get(Knob.WAREHOUSE)).isEqualTo(Warehouse.ATHENA);
        // Redshift (1 s) would meet 1.5 s too, at two nodes around the clock: the reason prices all three stores.
        assertThat(d.decisions().reason(Knob.DASHBOARDS)).contains("warehouse $", "realtime_olap $", "key_value $");
        assertThat(d.requirements().assumptions()).extracting(Assumption::field).contains("users.dashboard_drilldown");
        // 200 tiles rewritten at each of 24 runs a day; one read per query; DynamoDB On-Demand.
        assertThat(d.cost().line("dashboards.kv_writes")).isCloseTo(200 * 24 * 30 * 0.625 / 1e6, within(1e-9));
        assertThat(d.cost().line("dashboards.kv_reads")).isCloseTo(2_000 * 30 * 0.125 / 1e6, within(1e-9));
        assertThat(d.cost().line("redshift.nodes")).isZero();
        assertThat(d.cost().line("athena.scan")).isZero();
        assertThat(dashboardStore(d).service()).isEqualTo("Pre-aggregated dashboard tiles in Amazon DynamoDB");
        assertThat(dashboardStore(d).rejected()).anyMatch(x -> x.alternative().startsWith("Redshift or Athena") && x.whyNot().contains("Redshift meets it"));
        assertThat(slow(d)).isEmpty();
    }

    @Test
    void drillDownUnderRedshiftsFloorGoesToRealTimeOlapWithTheReason() {
        Design d = dashboards("500 ms", ", dashboard_drilldown: true");
        assertThat(d.decisions().get(Knob.DASHBOARDS)).isEqualTo(DashboardStore.REALTIME_OLAP);
        assertThat(d.decisions().reason(Knob.DASHBOARDS)).isEqualTo("cheapest whole design per month: warehouse ruled out (p99 floor 1 s > "
                + "users.query_latency 500 ms), realtime_olap " + Quantities.usd(d.cost().total()));
        // Gold 0.6 GB/day x 7 d window x 2 replicas = 8.4 GB: max(3 minimum, ceil(8.4 / 500), ceil(2,000 / 10 h / 3,600 s / 100)) = 3 r7g.2xlarge.
        assertThat(d.capacity().value("olap_nodes")).isEqualTo(3);
        assertThat(d.cost().line("olap.nodes")).isCloseTo(3 * H * 0.4284, within(1e-9));
        assertThat(d.cost().line("olap.storage")).isCloseTo(8.4 * 0.08, within(1e-9));
        assertThat(dashboardStore(d).rejected()).anyMatch(x -> x.alternative().equals("Pre-aggregated tiles in DynamoDB")
                && x.whyNot().contains("drill-down"));
        assertThat(slow(d)).isEmpty();
    }

    @Test
    void dashboardsFixedOnTheWarehouseBelowRedshiftsFloorAreReportedWithTheEnginesDollars() {
        Bottleneck b = slow(dashboards("500 ms", "}\nchoices: {dashboards: warehouse")).get(0);
        assertThat(b.title()).isEqualTo("Dashboards slower than required");
        // Athena is ruled out; Gold in Redshift: 0.6 GB/day x 730 d = 438 GB -> max(2, ceil(438 / 128,000)) = 2 ra3.4xlarge x 730 h x $3.26.
        assertThat(b.stake().usdPerMonth()).isCloseTo(2 * H * 3.26, within(1e-9));
    }

    @Test
    void athenaFixedByTheFilePrintsItsP99() {
        Bottleneck b = slow(dashboards("1 s", "}\nchoices: {warehouse: athena, dashboards: warehouse")).get(0);
        // Gold 0.6 GB/day x 7 d x 0.2 of the columns = 0.84 GB per tile: 2 s to start + 0.84 s at 1 GB/s = 2.84 s.
        assertThat(b.observed()).contains("about 2.84 s at p99");
        // 30 x 2,000 tiles/day x 0.84 GB = 50.4 TB at $5.
        assertThat(b.stake().usdPerMonth()).isCloseTo(50.4 * 5, within(1e-9));
    }

    @Test
    void withoutAStatedLatencyNothingIsChecked() {
        Design d = Architect.design(Fixtures.parse("users: {patterns: [dashboards]}"), Calibration.defaults());
        assertThat(slow(d)).isEmpty();
        assertThat(d.decisions().get(Knob.DASHBOARDS)).isEqualTo(DashboardStore.WAREHOUSE);
        assertThat(d.requirements().assumptions()).extracting(Assumption::field).contains("users.query_latency").doesNotContain("users.dashboard_drilldown");
    }
}
