package io.alluvium.architect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * A cost review of a running cluster: the stated node count and busy hours are billed as they are, and
 * sizing the cluster to the work is priced as an optimization, recomputed here by hand.
 */
class DeploymentReviewTest {

    @Test
    void theStatedClusterIsBilledAndRightSizingIsPriced() {
        Design d = Architect.design(Fixtures.parse("""
                volume: {per_day: 1 TB}
                velocity: {mode: batch, latency: 1 d}
                choices: {batch_compute: emr, cluster: ephemeral, purchase: on_demand, cpu: x86}
                current_state: {emr: {nodes: 20, busy_per_day: 6 h}}
                """), Calibration.defaults());
        // 20 m5.4xlarge workers and the primary, 6 h a day x 30 at $0.768, plus the EMR fee of $0.192 on all 126 instance-hours a day.
        double workers = 20 * 6 * 30 * 0.768;
        double primary = 6 * 30 * 0.768;
        double fee = (20 + 1) * 6 * 30 * 0.192;
        assertThat(d.cost().line("emr.ec2_workers")).isCloseTo(workers, within(1e-9));
        assertThat(d.cost().line("emr.ec2_primary")).isCloseTo(primary, within(1e-9));
        assertThat(d.cost().line("emr.fee")).isCloseTo(fee, within(1e-9));
        // The work: 1e9 events x 1.5 passes in one 2 h run = ceil(1.5e9 / (25,000 x 7,200)) = 9 cores = 1 node, billed 2 h + 8 min start-up.
        double run = 2 + 8 / 60.0;
        double sized = run * 30 * 0.768 * 2 + 2 * run * 30 * 0.192;
        Optimization rightSize = d.optimizations().stream().filter(o -> o.name().startsWith("Size the EMR cluster")).findFirst().orElseThrow();
        assertThat(rightSize.savingsUsd()).isCloseTo(workers + primary + fee - sized, within(1e-6));
        assertThat(rightSize.effect()).startsWith("emr worker nodes 20 -> 1");
        assertThat(MarkdownRenderer.render(d)).contains("- Current EMR deployment: 20 worker nodes, 6 h busy a day");
        // At 10x the volume the cluster is sized to the work, not held at today's 20 nodes:
        // 1.5e10 rows in 2 h = ceil(1.5e10 / (25,000 x 7,200)) = 84 cores = 6 nodes.
        assertThat(Sizing.of(d.requirements().withVolumeScaled(10), Calibration.defaults()).capacity().emrNodes).isEqualTo(6);
    }

    @Test
    void anAlwaysOnClusterIsIdleForTheHoursItStatesItIsNotBusy() {
        Design d = Architect.design(Fixtures.parse("""
                volume: {per_day: 1 TB}
                velocity: {mode: batch, latency: 1 d}
                choices: {batch_compute: emr, cluster: always_on, purchase: on_demand, cpu: x86}
                current_state: {emr: {nodes: 4, busy_per_day: 6 h}}
                """), Calibration.defaults());
        Bottleneck idle = d.bottlenecks().stream().filter(b -> b.kind() == Bottleneck.Kind.IDLE_CLUSTER).findFirst().orElseThrow();
        assertThat(idle.observed()).isEqualTo("busy 25% of the day (6 h of work)");
        // 4 workers + 1 primary billed 24 h x 30 at $0.768 + $0.192 EMR fee; idle 18 of 24 hours.
        assertThat(idle.stake().usdPerMonth()).isCloseTo(5 * 24 * 30 * (0.768 + 0.192) * 0.75, within(1e-9));
    }
}
