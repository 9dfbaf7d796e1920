package io.alluvium.architect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A comparison recommends the side its numbers favour, and says why when it takes the dearer one; an
 * optimization that costs more on its own says why the target design still moves it.
 */
class ComparisonTest {

    @Test
    void q3RecommendsTheCheaperLakeAndNamesTheWarehousesBottlenecks() {
        Comparison c = new Comparison(Fixtures.design("q3-s3-spark.yaml"), Fixtures.design("q3-redshift.yaml"));
        assertThat(c.difference()).isPositive();
        assertThat(c.recommendation()).startsWith("Recommend A: " + Quantities.usd(c.difference()) + " a month less")
                .contains("B has \"Warehouse sized for the ELT window\"", "At 10x the data: A ");
        assertThat(MarkdownRenderer.renderComparison(c)).contains("**Recommendation:** Recommend A:");
    }

    @Test
    void theCheaperSideWithAReachedBottleneckIsNotRecommendedAndTheReasonIsSaid() {
        String yaml = "volume: {per_day: 100 GB}\nsecurity: {pii: true, encryption: %s}\n";
        Design sseS3 = Architect.design(Fixtures.parse(yaml.formatted("sse_s3")), Calibration.defaults());
        Design sseKms = Architect.design(Fixtures.parse(yaml.formatted("sse_kms")), Calibration.defaults());
        Comparison c = new Comparison(sseS3, sseKms);
        // Three customer managed keys at $1 a month: KMS is the dearer side, and the cheaper one exposes PII.
        assertThat(c.difference()).isEqualTo(3.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(c.recommendation()).startsWith("Recommend B although it costs $3.00 more a month: A has \"PII without key control\" and B has not");
    }

    @Test
    void aMoveDearerOnItsOwnSaysWhyTheTargetDesignMakesIt() {
        Design b = Fixtures.design("q3-redshift.yaml");
        Optimization warehouse = b.optimizations().stream().filter(o -> o.name().equals("warehouse: redshift -> both")).findFirst().orElseThrow();
        assertThat(warehouse.savingsUsd()).isNegative();
        assertThat(warehouse.effect()).startsWith(Quantities.usd(-warehouse.savingsUsd()) + " more on its own; chosen because cheapest whole design per month: ");
        Optimization all = b.optimizations().stream().filter(o -> o.kind() == Optimization.Kind.ALL).findFirst().orElseThrow();
        assertThat(all.savingsUsd()).isPositive();
        // Every rejected engine states what the design would cost with it, so no "not X" contradicts the totals.
        assertThat(b.services()).filteredOn(s -> s.layer() == Layer.PROCESSING).allSatisfy(s -> assertThat(s.rejected())
                .allSatisfy(x -> assertThat(x.whyNot()).contains("the design costs")));
    }
}
