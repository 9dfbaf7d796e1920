package io.alluvium.architect;

import io.alluvium.architect.Knob.Ingestion;
import io.alluvium.architect.Knob.Serving;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The per-event decision path of a streaming design (a fraud score, say), budgeted against velocity.latency:
 * the log hop, Flink's event-at-a-time work, the feature reads from the serving store, the model, and the
 * decision written back, each a line with its milliseconds. Exists because a 100 ms decision is a sum of parts,
 * and the parts a design choice moves (Kinesis polling, a DynamoDB read instead of a cache read) must show in it.
 */
final class DecisionBudget {
    /** Produce with acks=all to replicas in three AZs, then the consumer's fetch, at p99 (planning figure; linger.ms 0 on this path). */
    static final double KAFKA_HOP_MS = 10;
    /** A Kinesis record reaches a polling consumer (GetRecords at most five times a second per shard) in about 200 ms at p99 (planning figure). */
    static final double KINESIS_HOP_MS = 200;
    /** Flink handles one event (deserialize, keyed state, emit) in about 5 ms at p99 (planning figure). */
    static final double FLINK_EVENT_MS = 5;
    /** A serving-store read or write at p99: ElastiCache about 1 ms, DynamoDB about 10 ms, OpenSearch about 20 ms (planning figures). */
    static final double CACHE_MS = 1;
    static final double DYNAMODB_MS = 10;
    static final double OPENSEARCH_MS = 20;

    /** One part of the path and its milliseconds at p99. */
    record Step(String name, Formula ms) {
    }

    private final List<Step> steps;
    private final double budgetMs;

    private DecisionBudget(List<Step> steps, double budgetMs) {
        this.steps = steps;
        this.budgetMs = budgetMs;
    }

    static Optional<DecisionBudget> of(Requirements r, Decisions d) {
        return of(r, d.get(Knob.INGESTION), d.get(Knob.SERVING));
    }

    /** The path with this log and serving store, when the design makes a per-event decision. */
    static Optional<DecisionBudget> of(Requirements r, Knob.Choice ingestion, Knob.Choice serving) {
        return r.decisionPath().map(p -> {
            List<Step> steps = new ArrayList<>();
            boolean kafka = ((Ingestion) ingestion).kafka();
            steps.add(new Step("log: produce, replicate and fetch (" + (kafka ? "Kafka" : "Kinesis") + ")", kafka
                    ? Formula.of(KAFKA_HOP_MS, "ms").note("acks=all across three AZs")
                    : Formula.of(KINESIS_HOP_MS, "ms").note("consumers poll GetRecords")));
            steps.add(new Step("Flink: the event through keyed state", Formula.of(FLINK_EVENT_MS, "ms")));
            String store = storeName(serving);
            double storeMs = storeMs(serving);
            steps.add(new Step("feature reads from " + store, Formula.of(p.featureLookups(), "reads").times(Formula.of(storeMs, "ms each"))
                    .note("one after another")));
            steps.add(new Step("model inference", Formula.of(p.inferenceSeconds() * 1000, "ms").note("decision.inference")));
            steps.add(new Step("decision written to " + store, Formula.of(storeMs, "ms")));
            return new DecisionBudget(List.copyOf(steps), r.velocity().latencySeconds() * 1000);
        });
    }

    private static String storeName(Knob.Choice serving) {
        return serving == Serving.ELASTICACHE ? "ElastiCache" : serving == Serving.DYNAMODB ? "DynamoDB"
                : serving == Serving.OPENSEARCH ? "OpenSearch" : "Athena (no serving store)";
    }

    private static double storeMs(Knob.Choice serving) {
        return serving == Serving.ELASTICACHE ? CACHE_MS : serving == Serving.DYNAMODB ? DYNAMODB_MS
                : serving == Serving.OPENSEARCH ? OPENSEARCH_MS : QueryLatency.ATHENA_FLOOR_S * 1000;
    }

    List<Step> steps() {
        return steps;
    }

    /** The steps added up, printed from the same operands. */
    Formula total() {
        Formula sum = steps.get(0).ms();
        for (Step s : steps.subList(1, steps.size())) {
            sum = sum.plus(s.ms());
        }
        return sum;
    }

    double budgetMs() {
        return budgetMs;
    }

    boolean within() {
        return total().value() <= budgetMs;
    }
}
