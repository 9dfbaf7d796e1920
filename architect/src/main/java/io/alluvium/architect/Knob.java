package io.alluvium.architect;

import java.util.List;
import java.util.Map;

/**
 * A design decision that changes capacity or cost: which service, which purchase option, which file
 * layout. A requirements file may fix any of them under {@code choices:} (that is how a current state is
 * described); otherwise the architect decides. Exists so that optimizations and migrations are stated
 * the same way: as a knob moved from one value to another, re-costed with the same model.
 */
public enum Knob {
    INGESTION("ingestion", List.of("msk", "kinesis", "s3_direct"), Map.of(
            "msk", "Put a Kafka topic (MSK) in front of the lake; producers dual-write during the cutover; the Flink landing job writes Bronze with exactly-once commits.")),
    BATCH_COMPUTE("batch_compute", List.of("emr", "emr_serverless", "glue", "redshift"), Map.of(
            "emr", "Run the Spark jobs on per-run EMR clusters created by the orchestrator (instance fleets, Graviton, Spot task nodes).",
            "emr_serverless", "Submit the same Spark jobs to an EMR Serverless application (pre-initialized capacity off; max capacity capped).")),
    WAREHOUSE("warehouse", List.of("athena", "redshift", "both"), Map.of(
            "athena", "Query Silver/Gold in place with Athena (Iceberg tables in the Glue catalog); drop the warehouse copy after dashboards are repointed.",
            "both", "Keep Athena for ad-hoc SQL on Silver; load only Gold into Redshift for dashboards.")),
    SERVING("serving", List.of("none", "dynamodb", "elasticache", "opensearch"), Map.of()),
    TABLE_FORMAT("table_format", List.of("iceberg", "delta", "hudi", "hive"), Map.of(
            "iceberg", "Convert tables to Iceberg in place (Spark CALL system.migrate / add_files: metadata only), then switch writers to Iceberg commits so a rerun replaces a day instead of doubling it.")),
    PIPELINE("pipeline", List.of("batch", "lambda", "kappa"), Map.of()),
    ORCHESTRATION("orchestration", List.of("mwaa", "step_functions"), Map.of()),
    PURCHASE("purchase", List.of("on_demand", "spot"), Map.of(
            "spot", "Move EMR task nodes to Spot with instance fleets (4+ instance types, capacity-optimized allocation); keep the primary node On-Demand.")),
    CPU("cpu", List.of("x86", "graviton"), Map.of(
            "graviton", "Switch instance types to Graviton (m7g, kafka.m7g); rebuild native libraries for arm64 and rerun `alluvium bench`.")),
    CLUSTER("cluster", List.of("ephemeral", "always_on"), Map.of(
            "ephemeral", "Replace the always-on cluster with a per-run cluster the orchestrator creates and terminates; nothing idles between runs.")),
    CURATED_FORMAT("curated_format", List.of("parquet", "json"), Map.of(
            "parquet", "Rewrite Silver and Gold as Parquet (zstd) through the same tables; Bronze keeps the raw payload.")),
    PARTITIONED("partitioned", List.of("true", "false"), Map.of(
            "true", "Create the tables with partition spec days(event_ts) and backfill history into them one month per run; readers switch after row counts match.")),
    COMPACTION("compaction", List.of("true", "false"), Map.of(
            "true", "Schedule rewrite_data_files (target 256 MB), rewrite_manifests and expire_snapshots nightly; run it once over the backlog, newest partitions first.")),
    LIFECYCLE_TIERS("lifecycle_tiers", List.of("true", "false"), Map.of(
            "true", "Add S3 lifecycle rules: Bronze to Glacier Instant Retrieval and Silver to Standard-IA after 30 days; expire at the retention.")),
    S3_ACCESS("s3_access", List.of("gateway_endpoint", "nat_gateway"), Map.of(
            "gateway_endpoint", "Add an S3 gateway VPC endpoint to every private route table: S3 traffic stops crossing the NAT gateway at once (no data moves, no downtime).")),
    FETCH_FROM_FOLLOWER("fetch_from_follower", List.of("true", "false"), Map.of(
            "true", "Set client.rack on every consumer so it reads from the replica in its own AZ (KIP-392; MSK sets broker.rack).")),
    PRODUCER_COMPRESSION("producer_compression", List.of("zstd", "none"), Map.of(
            "zstd", "Set compression.type=zstd on every producer (with linger.ms of 5-20 ms so batches fill); brokers store and replicate the batches as sent.")),
    BRONZE_COMPRESSION("bronze_compression", List.of("zstd", "none"), Map.of(
            "zstd", "Write Bronze objects zstd-compressed (the landing job's writer codec, or the agents' output compression); rewrite older objects during compaction."));

    private final String key;
    private final List<String> values;
    private final Map<String, String> migrationSteps;

    Knob(String key, List<String> values, Map<String, String> migrationSteps) {
        this.key = key;
        this.values = values;
        this.migrationSteps = migrationSteps;
    }

    /** The key under {@code choices:} and in JSON. */
    public String key() {
        return key;
    }

    public List<String> allowed() {
        return values;
    }

    /** Checks a value the code compares against, so a typo in the architect fails loudly. */
    String checked(String value) {
        if (!values.contains(value)) {
            throw new IllegalArgumentException(key + " has no value " + value);
        }
        return value;
    }

    /** How to move a running platform to {@code value}. */
    String migrationStep(String from, String to) {
        return migrationSteps.getOrDefault(to, "Change " + key + " from " + from + " to " + to + ".");
    }

    static Knob byKey(String key) {
        for (Knob k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        return null;
    }
}
