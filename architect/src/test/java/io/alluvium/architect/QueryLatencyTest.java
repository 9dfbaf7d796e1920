package io.alluvium.architect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alluvium.architect.Bottleneck.Kind;
import io.alluvium.architect.Knob.Warehouse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A query latency (p99) is a requirement of its own, apart from freshness: it moves dashboards off Athena
 * when Athena cannot answer in time, and a design that still cannot answer says so with its dollars.
 */
class QueryLatencyTest {

    private static Design dashboards(String latency, String choices) {
        return Architect.design(Fixtures.parse("""
                volume: {per_day: 100 GB}
                users: {patterns: [dashboards], query_latency: %s}
                choices: {%s}
                """.formatted(latency, choices)), Calibration.defaults());
    }

    private static List<Bottleneck> slow(Design d) {
        return d.bottlenecks().stream().filter(b -> b.kind() == Kind.QUERY_LATENCY).toList();
    }

    @Test
    void dashboardsUnderAthenasFloorGoToTheWarehouseWithTheReason() {
        Design d = dashboards("1500 ms", "");
        assertThat(d.decisions().get(Knob.WAREHOUSE)).isEqualTo(Warehouse.BOTH);
        assertThat(d.decisions().reason(Knob.WAREHOUSE)).contains("1.5 s is below Athena's p99 floor of 2 s");
        assertThat(d.services()).filteredOn(s -> s.layer() == Layer.SERVING && s.service().contains("Redshift")).singleElement()
                .satisfies(s -> assertThat(s.rejected()).anyMatch(x -> x.alternative().equals("Athena only") && x.whyNot().startsWith("its p99 floor of 2 s")));
        // Redshift answers in about 1 s: within 1.5 s, no finding.
        assertThat(slow(d)).isEmpty();
    }

    @Test
    void aLatencyNoWarehouseMeetsIsReportedWithTheEnginesDollars() {
        Bottleneck b = slow(dashboards("500 ms", "")).get(0);
        assertThat(b.title()).isEqualTo("Dashboards slower than required");
        // Gold in Redshift: 100 GB x 0.12 x 0.05 = 0.6 GB/day x 730 d = 438 GB -> max(2, ceil(438 / 128,000)) = 2 ra3.4xlarge x 730 h x $3.26.
        assertThat(b.stake().usdPerMonth()).isCloseTo(2 * 730 * 3.26, within(1e-9));
    }

    @Test
    void athenaFixedByTheFilePrintsItsP99() {
        Bottleneck b = slow(dashboards("1 s", "warehouse: athena")).get(0);
        // Gold 0.6 GB/day x 7 d x 0.2 of the columns = 0.84 GB per tile: 2 s to start + 0.84 s at 1 GB/s = 2.84 s.
        assertThat(b.observed()).contains("about 2.84 s at p99");
        // 30 x 2,000 tiles/day x 0.84 GB = 50.4 TB at $5.
        assertThat(b.stake().usdPerMonth()).isCloseTo(50.4 * 5, within(1e-9));
    }

    @Test
    void withoutAStatedLatencyNothingIsChecked() {
        Design d = Architect.design(Fixtures.parse("users: {patterns: [dashboards]}"), Calibration.defaults());
        assertThat(slow(d)).isEmpty();
        assertThat(d.requirements().assumptions()).extracting(Assumption::field).contains("users.query_latency");
    }
}
