package io.alluvium.architect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alluvium.architect.Bottleneck.Kind;
import io.alluvium.architect.Knob.Ingestion;
import io.alluvium.architect.Knob.Serving;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A per-event decision (Q2's fraud score) is budgeted step by step against velocity.latency: each step a line
 * with its milliseconds, recomputed here by hand from the planning figures (Kafka hop 10 ms, Kinesis polling
 * 200 ms, Flink 5 ms, a read or write 1 ms in ElastiCache and 10 ms in DynamoDB); over budget is a finding,
 * and choices that cannot fit are ruled out with the reason.
 */
class DecisionBudgetTest {

    private static DecisionBudget budget(Design d) {
        return DecisionBudget.of(d.requirements(), d.decisions()).orElseThrow();
    }

    private static List<Double> stepMs(DecisionBudget b) {
        return b.steps().stream().map(s -> s.ms().value()).toList();
    }

    @Test
    void q2ScoresAPaymentWithinItsHundredMilliseconds() {
        Design d = Fixtures.design("q2-fraud-detection.yaml");
        assertThat(d.decisions().get(Knob.SERVING)).isEqualTo(Serving.ELASTICACHE);
        DecisionBudget b = budget(d);
        // Kafka 10 + Flink 5 + 3 feature reads x 1 ms + 30 ms model + 1 ms to write the decision = 49 ms of 100.
        assertThat(stepMs(b)).containsExactly(10.0, 5.0, 3.0, 30.0, 1.0);
        assertThat(b.total().value()).isEqualTo(49.0);
        assertThat(b.within()).isTrue();
        assertThat(b.steps()).extracting(DecisionBudget.Step::name).containsExactly("log: produce, replicate and fetch (Kafka)",
                "Flink: the event through keyed state", "feature reads from ElastiCache", "model inference", "decision written to ElastiCache");
        assertThat(MarkdownRenderer.render(d)).contains("| total | 49 ms | ", "Within budget: 49 ms of 100 ms.");
        assertThat(d.bottlenecks()).extracting(Bottleneck::kind).doesNotContain(Kind.LATENCY_BUDGET);
    }

    @Test
    void aSlowModelOnDynamoDbIsFlaggedWithEachStep() {
        Design q2 = Fixtures.design("q2-fraud-detection.yaml");
        Requirements r = new Requirements(q2.requirements().name(), "", "us-east-1", q2.requirements().volume(), q2.requirements().velocity(),
                q2.requirements().variety(), q2.requirements().usage(), q2.requirements().sla(), q2.requirements().security(),
                q2.requirements().budgetUsdPerMonth(), 0.5, Map.of(), List.of(), java.util.Optional.empty(),
                java.util.Optional.of(new Requirements.DecisionPath(0.080, 3)), List.of()).withChoices(Map.of(Knob.SERVING, Serving.DYNAMODB));
        Design d = Architect.design(r, Calibration.defaults());
        // 10 + 5 + 3 x 10 + 80 + 10 = 135 ms > 100 ms.
        assertThat(budget(d).total().value()).isEqualTo(135.0);
        Bottleneck over = d.bottlenecks().stream().filter(b -> b.kind() == Kind.LATENCY_BUDGET).findFirst().orElseThrow();
        assertThat(over.observed()).startsWith("135 ms at p99 = 10 ms [acks=all across three AZs] + 5 ms + 3 reads x 10 ms each");
        assertThat(over.threshold()).isEqualTo("velocity.latency 100 ms");
        assertThat(MarkdownRenderer.render(d)).contains("OVER budget by 35 ms");
    }

    @Test
    void kinesisPollingAndDynamoDbReadsAreRuledOutWhenTheyCannotFit() {
        Design d = Architect.design(Fixtures.parse("""
                volume: {per_day: 10 GB, event_size: 1 KB}
                velocity: {mode: streaming, latency: 50 ms}
                users: {patterns: [ml_features, point_lookups], point_lookups_per_s: 100}
                decision: {inference: 30 ms, feature_lookups: 2}
                """), Calibration.defaults());
        // A 0.35 MB/s peak would take Kinesis, but its 200 ms hop cannot fit 50 ms: Kafka + ElastiCache = 10 + 5 + 2 + 30 + 1 = 48 ms.
        assertThat(d.decisions().get(Knob.INGESTION).kafka()).isTrue();
        assertThat(d.decisions().get(Knob.SERVING)).isEqualTo(Serving.ELASTICACHE);
        assertThat(budget(d).total().value()).isEqualTo(48.0);
        assertThat(d.decisions().reason(Knob.INGESTION)).contains("kinesis ruled out (decision path 238 ms > velocity.latency 50 ms)");
        // DynamoDB would be 10 + 5 + 2 x 10 + 30 + 10 = 75 ms.
        assertThat(d.decisions().reason(Knob.SERVING)).contains("dynamodb ruled out (decision path 75 ms > velocity.latency 50 ms)");
        assertThat(Sizing.of(d.requirements().withChoices(Map.of(Knob.INGESTION, Ingestion.KINESIS)), Calibration.defaults()).cost().total())
                .isLessThan(d.cost().total());
    }

    @Test
    void aBatchDesignMakesNoPerEventDecision() {
        assertThatThrownBy(() -> Fixtures.parse("velocity: {mode: batch, latency: 1 h}\ndecision: {inference: 10 ms}"))
                .hasMessageContaining("a per-event decision contradicts velocity.mode batch");
        assertThat(Fixtures.parse("velocity: {mode: batch, latency: 1 h}\nusers: {patterns: [ml_features]}").decisionPath()).isEmpty();
    }
}
