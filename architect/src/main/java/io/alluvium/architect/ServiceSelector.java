package io.alluvium.architect;

import static io.alluvium.architect.Quantities.duration;

import io.alluvium.architect.Knob.BatchCompute;
import io.alluvium.architect.Knob.Cluster;
import io.alluvium.architect.Knob.Codec;
import io.alluvium.architect.Knob.Cpu;
import io.alluvium.architect.Knob.CuratedFormat;
import io.alluvium.architect.Knob.DashboardStore;
import io.alluvium.architect.Knob.Flag;
import io.alluvium.architect.Knob.Ingestion;
import io.alluvium.architect.Knob.Orchestration;
import io.alluvium.architect.Knob.Pipeline;
import io.alluvium.architect.Knob.Purchase;
import io.alluvium.architect.Knob.S3Access;
import io.alluvium.architect.Knob.Serving;
import io.alluvium.architect.Knob.TableFormat;
import io.alluvium.architect.Knob.Warehouse;
import io.alluvium.architect.Requirements.DataKind;
import io.alluvium.architect.Requirements.QueryPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides every {@link Knob} the requirements left open ({@link ServiceExplanations} says why, layer by layer).
 * Exists so that the rules of thumb (Kinesis below a few MB/s, EMR Serverless for
 * small batch, ElastiCache above tens of thousands of operations/s) are named constants in one place.
 */
final class ServiceSelector {
    /** Below this peak, Kinesis shards cost less than three MSK brokers. */
    static final double KINESIS_MAX_PEAK_MB_S = 5;
    /** Batch at or above this latency needs no log: files land on S3 and S3 is the replay source. */
    static final double DIRECT_S3_MIN_LATENCY_S = 3600;
    /** Below this latency target, only an in-memory store answers in time. */
    static final double CACHE_MAX_LATENCY_S = 0.010;

    private ServiceSelector() {
    }

    /**
     * Resolves the knobs the requirements did not fix. The service knobs whose alternatives all meet the
     * requirements (the log's broker type or capacity mode, batch compute, warehouse, serving store) are chosen
     * together: every combination is costed as a whole design by the same model, and the cheapest wins.
     */
    static Decisions decide(Requirements r, Calibration cal) {
        Map<Knob<?>, Knob.Choice> v = Knob.map();
        Map<Knob<?>, Boolean> fixed = Knob.map();
        Map<Knob<?>, String> reasons = Knob.map();
        for (Knob<?> k : Knob.values()) {
            Knob.Choice stated = r.fixedChoices().get(k);
            fixed.put(k, stated != null);
            v.put(k, stated != null ? stated : rule(k, r, v, reasons));
        }
        Map<Knob<?>, List<Knob.Choice>> open = Knob.map();
        for (Knob<?> k : COSTED) {
            List<Knob.Choice> candidates = candidates(k, r, v);
            if (!fixed.get(k) && candidates.size() > 1) {
                open.put(k, candidates);
            }
        }
        if (!open.isEmpty()) {
            v.putAll(cheapest(open, v, r, cal, reasons));
        }
        return new Decisions(v, fixed, reasons);
    }

    /** Knobs decided by cost among candidates that all meet the requirements. */
    private static final List<Knob<?>> COSTED = List.of(Knob.INGESTION, Knob.BATCH_COMPUTE, Knob.WAREHOUSE, Knob.DASHBOARDS, Knob.SERVING);

    /** The practices every design starts from unless the file fixes otherwise (see README, Knobs). */
    private static final Map<Knob<?>, Knob.Choice> PRACTICES = Map.ofEntries(Map.entry(Knob.BATCH_COMPUTE, BatchCompute.EMR),
            Map.entry(Knob.DASHBOARDS, DashboardStore.WAREHOUSE), Map.entry(Knob.TABLE_FORMAT, TableFormat.ICEBERG), Map.entry(Knob.PURCHASE, Purchase.SPOT), Map.entry(Knob.CPU, Cpu.GRAVITON),
            Map.entry(Knob.CLUSTER, Cluster.EPHEMERAL), Map.entry(Knob.CURATED_FORMAT, CuratedFormat.PARQUET),
            Map.entry(Knob.PARTITIONED, Flag.TRUE), Map.entry(Knob.COMPACTION, Flag.TRUE), Map.entry(Knob.LIFECYCLE_TIERS, Flag.TRUE),
            Map.entry(Knob.FETCH_FROM_FOLLOWER, Flag.TRUE), Map.entry(Knob.S3_ACCESS, S3Access.GATEWAY_ENDPOINT),
            Map.entry(Knob.PRODUCER_COMPRESSION, Codec.ZSTD), Map.entry(Knob.BRONZE_COMPRESSION, Codec.ZSTD));

    private static List<Knob.Choice> candidates(Knob<?> k, Requirements r, Map<Knob<?>, Knob.Choice> v) {
        if (k == Knob.INGESTION) {
            Knob.Choice family = v.get(k);
            // A per-event decision may not afford Kinesis' polling: Kafka joins the candidates, and the latency rules one out.
            return family == Ingestion.MSK ? List.of(Ingestion.MSK, Ingestion.MSK_EXPRESS)
                    : family == Ingestion.KINESIS ? r.decisionPath().isPresent() ? List.of(Ingestion.KINESIS, Ingestion.KINESIS_ON_DEMAND,
                    Ingestion.MSK, Ingestion.MSK_EXPRESS) : List.of(Ingestion.KINESIS, Ingestion.KINESIS_ON_DEMAND) : List.of(family);
        }
        if (k == Knob.BATCH_COMPUTE) {
            return List.of(BatchCompute.EMR, BatchCompute.EMR_SERVERLESS, BatchCompute.GLUE);
        }
        if (k == Knob.WAREHOUSE) {
            return v.get(Knob.BATCH_COMPUTE) == BatchCompute.REDSHIFT && r.fixedChoices().containsKey(Knob.BATCH_COMPUTE) ? List.of(Warehouse.REDSHIFT)
                    : List.of(Warehouse.ATHENA, Warehouse.BOTH);
        }
        if (k == Knob.DASHBOARDS) {
            return QueryLatency.dashboardStores(r);
        }
        return servingNeeded(r) && v.get(Knob.SERVING) != Serving.OPENSEARCH && r.velocity().latencySeconds() >= CACHE_MAX_LATENCY_S
                ? List.of(Serving.DYNAMODB, Serving.ELASTICACHE) : List.of(v.get(k));
    }

    /**
     * Costs every combination of the open knobs that meets the stated latencies (see {@link LatencyFit}) and returns
     * the cheapest (when none does, the cheapest of the least late: the report then says what is missed); the reasons
     * list each value's best total, or why it was ruled out.
     */
    private static Map<Knob<?>, Knob.Choice> cheapest(Map<Knob<?>, List<Knob.Choice>> open, Map<Knob<?>, Knob.Choice> decided, Requirements r,
                                                      Calibration cal, Map<Knob<?>, String> reasons) {
        List<Map<Knob<?>, Knob.Choice>> combos = new ArrayList<>();
        combos.add(Knob.map());
        for (Map.Entry<Knob<?>, List<Knob.Choice>> e : open.entrySet()) {
            List<Map<Knob<?>, Knob.Choice>> next = new ArrayList<>();
            for (Map<Knob<?>, Knob.Choice> combo : combos) {
                for (Knob.Choice value : e.getValue()) {
                    Map<Knob<?>, Knob.Choice> c = Knob.map();
                    c.putAll(combo);
                    c.put(e.getKey(), value);
                    next.add(c);
                }
            }
            combos = next;
        }
        Map<Map<Knob<?>, Knob.Choice>, Double> lateness = new java.util.HashMap<>();
        Map<Knob.Choice, Map<Knob<?>, Knob.Choice>> leastLate = new java.util.HashMap<>();
        for (Map<Knob<?>, Knob.Choice> combo : combos) {
            Map<Knob<?>, Knob.Choice> merged = Knob.map();
            merged.putAll(decided);
            merged.putAll(combo);
            double late = LatencyFit.lateness(r, merged);
            lateness.put(combo, late);
            for (Knob.Choice value : combo.values()) {
                Map<Knob<?>, Knob.Choice> known = leastLate.get(value);
                if (late > 0 && (known == null || late < LatencyFit.lateness(r, known))) {
                    leastLate.put(value, merged);
                }
            }
        }
        double onTime = combos.stream().mapToDouble(lateness::get).min().orElseThrow();
        combos = combos.stream().filter(c -> lateness.get(c) == onTime).toList();
        Map<Knob<?>, Knob.Choice> best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        Map<Knob.Choice, Double> bestPerValue = new java.util.HashMap<>();
        for (Map<Knob<?>, Knob.Choice> combo : combos) {
            double cost = Sizing.of(r.withChoices(combo), cal).cost().total();
            for (Knob.Choice value : combo.values()) {
                bestPerValue.merge(value, cost, Math::min);
            }
            if (cost < bestCost) {
                best = combo;
                bestCost = cost;
            }
        }
        for (Knob<?> k : open.keySet()) {
            List<String> costs = new ArrayList<>();
            for (Knob.Choice value : open.get(k)) {
                costs.add(value.key() + (bestPerValue.containsKey(value) ? " " + Quantities.usd(bestPerValue.get(value))
                        : " ruled out (" + LatencyFit.missed(r, leastLate.get(value)) + ")"));
            }
            reasons.put(k, "cheapest whole design per month: " + String.join(", ", costs));
        }
        return best;
    }

    private static Knob.Choice rule(Knob<?> k, Requirements r, Map<Knob<?>, Knob.Choice> decided, Map<Knob<?>, String> reasons) {
        boolean cdc = r.variety().contains(DataKind.CDC);
        if (k == Knob.INGESTION) {
            return !r.streaming() && r.velocity().latencySeconds() >= DIRECT_S3_MIN_LATENCY_S && !cdc ? Ingestion.S3_DIRECT
                    : r.volume().peakMbPerSecond() <= KINESIS_MAX_PEAK_MB_S && !cdc ? Ingestion.KINESIS : Ingestion.MSK;
        }
        if (k == Knob.WAREHOUSE) {
            return decided.get(Knob.BATCH_COMPUTE) == BatchCompute.REDSHIFT ? Warehouse.REDSHIFT : Warehouse.ATHENA;
        }
        if (k == Knob.SERVING) {
            return serving(r, reasons);
        }
        if (k == Knob.PIPELINE) {
            return switch (r.velocity().mode()) {
                case BATCH -> Pipeline.BATCH;
                case STREAMING -> Pipeline.KAPPA;
                case HYBRID -> Pipeline.LAMBDA;
            };
        }
        if (k == Knob.ORCHESTRATION) {
            return decided.get(Knob.PIPELINE) == Pipeline.KAPPA ? Orchestration.STEP_FUNCTIONS : Orchestration.MWAA;
        }
        return Objects.requireNonNull(PRACTICES.get(k), () -> "no rule for " + k.key());
    }

    private static boolean servingNeeded(Requirements r) {
        return r.usage().pointLookupsPerSecond() > 0 || r.streaming() || r.usage().patterns().contains(QueryPattern.ML_FEATURES);
    }

    private static Serving serving(Requirements r, Map<Knob<?>, String> reasons) {
        if (r.usage().patterns().contains(QueryPattern.SEARCH)) {
            reasons.put(Knob.SERVING, "users search text");
            return Serving.OPENSEARCH;
        }
        if (!servingNeeded(r)) {
            reasons.put(Knob.SERVING, "no point lookups, ML features or streaming results to serve");
            return Serving.NONE;
        }
        reasons.put(Knob.SERVING, "latency " + duration(r.velocity().latencySeconds()) + " < " + duration(CACHE_MAX_LATENCY_S)
                + ": only memory answers in time");
        return Serving.ELASTICACHE;
    }
}
