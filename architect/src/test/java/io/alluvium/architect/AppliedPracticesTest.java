package io.alluvium.architect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Practices a design already applies are priced against the best design without them and kept apart from
 * the savings still available, so that an absurd naive baseline (tens of millions for an unpartitioned
 * petabyte) is neither inflated further nor read as money to save.
 */
class AppliedPracticesTest {

    @Test
    void eachBaselineIsTheCheaperDesignWithoutThePracticeAndAnAbsurdOneIsSaidToBe() {
        Design d = Fixtures.design("q1-100tb-logs.yaml");
        Optimization partitioned = d.optimizations().stream().filter(o -> o.name().startsWith("partitioned: true (applied")).findFirst().orElseThrow();
        assertThat(partitioned.kind()).isEqualTo(Optimization.Kind.APPLIED);
        Map<Knob<?>, Knob.Choice> held = new HashMap<>(d.decisions().all());
        held.put(Knob.PARTITIONED, Knob.Flag.FALSE);
        double asIs = Sizing.of(d.requirements().withChoices(held), Calibration.defaults()).cost().total();
        double rechosen = Sizing.of(d.requirements().withChoices(Map.of(Knob.PARTITIONED, Knob.Flag.FALSE)), Calibration.defaults()).cost().total();
        assertThat(partitioned.costBefore()).isEqualTo(Math.min(asIs, rechosen));
        // Re-choosing the warehouse (Redshift for an unpartitioned lake) is cheaper than Athena scanning whole tables, yet still over 10x.
        assertThat(rechosen).isLessThan(asIs);
        assertThat(partitioned.costBefore()).isGreaterThan(10 * d.cost().total());
        assertThat(partitioned.effect()).startsWith("no real alternative: without it the design costs over 10x as much");
        assertThat(d.optimizations()).filteredOn(o -> o.kind() == Optimization.Kind.APPLIED && o.costBefore() <= 10 * o.costAfter())
                .isNotEmpty().allSatisfy(o -> assertThat(o.effect()).doesNotContain("no real alternative"));
    }

    @Test
    void appliedPracticesArePrintedApartFromTheSavingsStillAvailable() throws Exception {
        String md = MarkdownRenderer.render(Fixtures.design("q4-spark-cost-before.yaml"));
        String section = md.substring(md.indexOf("## 6. Optimizations"), md.indexOf("## 7. Failure model"));
        int split = section.indexOf("Already applied (not money left to save)");
        assertThat(split).isPositive();
        assertThat(section.substring(0, split)).contains("purchase: on_demand -> spot").doesNotContain("(applied;");
        assertThat(section.substring(split)).contains("(applied;").doesNotContain(" -> spot |");
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Fixtures.run("--json", "examples/q4-spark-cost-before.yaml").out());
        assertThat(json.at("/optimizations")).extracting(n -> n.get("kind").asText()).contains("change", "applied", "all");
    }
}
