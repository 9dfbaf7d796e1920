package io.alluvium.architect;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A design decision that changes capacity or cost: which service, which purchase option, which file
 * layout. A requirements file may fix any of them under {@code choices:} (that is how a current state is
 * described); otherwise the architect decides. Exists so that optimizations and migrations are stated
 * the same way: as a knob moved from one value to another, re-costed with the same model.
 *
 * <p>Each knob's values are an enum ({@code Knob<Ingestion>} takes {@link Ingestion#MSK}, ...), so a decision is
 * compared with a value the compiler checks, never with a string; the strings are the YAML and JSON keys.
 */
public final class Knob<V extends Enum<V> & Knob.Choice> {

    /** A value of a knob; its key is how {@code choices:} and the JSON spell it. */
    public interface Choice {
        String name();

        default String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Standard or Express Kafka brokers, a provisioned or on-demand Kinesis stream, or agents uploading files. */
    public enum Ingestion implements Choice {
        MSK, MSK_EXPRESS, KINESIS, KINESIS_ON_DEMAND, S3_DIRECT;

        /** A Kafka cluster: the Kafka API, partitions and brokers. */
        public boolean kafka() {
            return this == MSK || this == MSK_EXPRESS;
        }

        /** A Kinesis stream: shards (sized by the architect or by the service). */
        public boolean kinesis() {
            return this == KINESIS || this == KINESIS_ON_DEMAND;
        }
    }

    public enum BatchCompute implements Choice { EMR, EMR_SERVERLESS, GLUE, REDSHIFT }

    public enum Warehouse implements Choice { ATHENA, REDSHIFT, BOTH }

    public enum Serving implements Choice { NONE, DYNAMODB, ELASTICACHE, OPENSEARCH }

    /**
     * What answers dashboards: the warehouse knob's engine, a real-time OLAP cluster (Apache Pinot on EC2), or tiles
     * pre-aggregated by the pipeline into a key-value store (DynamoDB).
     */
    public enum DashboardStore implements Choice { WAREHOUSE, REALTIME_OLAP, KEY_VALUE }

    public enum TableFormat implements Choice { ICEBERG, DELTA, HUDI, HIVE }

    public enum Pipeline implements Choice { BATCH, LAMBDA, KAPPA }

    public enum Orchestration implements Choice { MWAA, STEP_FUNCTIONS }

    public enum Purchase implements Choice { ON_DEMAND, SPOT }

    public enum Cpu implements Choice { X86, GRAVITON }

    public enum Cluster implements Choice { EPHEMERAL, ALWAYS_ON }

    public enum CuratedFormat implements Choice { PARQUET, JSON }

    public enum S3Access implements Choice { GATEWAY_ENDPOINT, NAT_GATEWAY }

    /** A practice applied or not ({@code true}/{@code false} in the file). */
    public enum Flag implements Choice { TRUE, FALSE }

    /** Whether a layer's bytes are compressed. */
    public enum Codec implements Choice { ZSTD, NONE }

    public static final Knob<Ingestion> INGESTION = new Knob<>("ingestion", Ingestion.class, Map.of(
            Ingestion.MSK, "Put a Kafka topic (MSK) in front of the lake; producers dual-write during the cutover; the Flink landing job writes Bronze with exactly-once commits.",
            Ingestion.MSK_EXPRESS, "Create an MSK cluster of Express brokers and move the topics with MSK Replicator; clients keep the Kafka API and switch bootstrap servers.",
            Ingestion.KINESIS_ON_DEMAND, "Switch the stream's capacity mode to on-demand (UpdateStreamMode): no data moves, producers and consumers are unchanged."));
    public static final Knob<BatchCompute> BATCH_COMPUTE = new Knob<>("batch_compute", BatchCompute.class, Map.of(
            BatchCompute.EMR, "Run the Spark jobs on per-run EMR clusters created by the orchestrator (instance fleets, Graviton, Spot task nodes).",
            BatchCompute.EMR_SERVERLESS, "Submit the same Spark jobs to an EMR Serverless application (pre-initialized capacity off; max capacity capped)."));
    public static final Knob<Warehouse> WAREHOUSE = new Knob<>("warehouse", Warehouse.class, Map.of(
            Warehouse.ATHENA, "Query Silver/Gold in place with Athena (Iceberg tables in the Glue catalog); drop the warehouse copy after dashboards are repointed.",
            Warehouse.BOTH, "Keep Athena for ad-hoc SQL on Silver; load only Gold into Redshift for dashboards."));
    public static final Knob<DashboardStore> DASHBOARDS = new Knob<>("dashboards", DashboardStore.class, Map.of(
            DashboardStore.REALTIME_OLAP, "Stand up Apache Pinot (three or more r7g nodes across the AZs) with a real-time table on the log and an offline table loaded from Gold; repoint the dashboards once their numbers match.",
            DashboardStore.KEY_VALUE, "Have the Gold job and the stream upsert each dashboard tile's aggregate into DynamoDB at every refresh; repoint the dashboards to read tiles by key."));
    public static final Knob<Serving> SERVING = new Knob<>("serving", Serving.class, Map.of());
    public static final Knob<TableFormat> TABLE_FORMAT = new Knob<>("table_format", TableFormat.class, Map.of(
            TableFormat.ICEBERG, "Convert tables to Iceberg in place (Spark CALL system.migrate / add_files: metadata only), then switch writers to Iceberg commits so a rerun replaces a day instead of doubling it."));
    public static final Knob<Pipeline> PIPELINE = new Knob<>("pipeline", Pipeline.class, Map.of());
    public static final Knob<Orchestration> ORCHESTRATION = new Knob<>("orchestration", Orchestration.class, Map.of());
    public static final Knob<Purchase> PURCHASE = new Knob<>("purchase", Purchase.class, Map.of(
            Purchase.SPOT, "Move EMR task nodes to Spot with instance fleets (4+ instance types, capacity-optimized allocation); keep the primary node On-Demand."));
    public static final Knob<Cpu> CPU = new Knob<>("cpu", Cpu.class, Map.of(
            Cpu.GRAVITON, "Switch instance types to Graviton (m7g, kafka.m7g); rebuild native libraries for arm64 and rerun `alluvium bench`."));
    public static final Knob<Cluster> CLUSTER = new Knob<>("cluster", Cluster.class, Map.of(
            Cluster.EPHEMERAL, "Replace the always-on cluster with a per-run cluster the orchestrator creates and terminates; nothing idles between runs."));
    public static final Knob<CuratedFormat> CURATED_FORMAT = new Knob<>("curated_format", CuratedFormat.class, Map.of(
            CuratedFormat.PARQUET, "Rewrite Silver and Gold as Parquet (zstd) through the same tables; Bronze keeps the raw payload."));
    public static final Knob<Flag> PARTITIONED = new Knob<>("partitioned", Flag.class, Map.of(
            Flag.TRUE, "Create the tables with partition spec days(event_ts) and backfill history into them one month per run; readers switch after row counts match."));
    public static final Knob<Flag> COMPACTION = new Knob<>("compaction", Flag.class, Map.of(
            Flag.TRUE, "Schedule rewrite_data_files (target 256 MB), rewrite_manifests and expire_snapshots nightly; run it once over the backlog, newest partitions first."));
    public static final Knob<Flag> LIFECYCLE_TIERS = new Knob<>("lifecycle_tiers", Flag.class, Map.of(
            Flag.TRUE, "Add S3 lifecycle rules: Bronze to Glacier Instant Retrieval and Silver to Standard-IA after 30 days; expire at the retention."));
    public static final Knob<S3Access> S3_ACCESS = new Knob<>("s3_access", S3Access.class, Map.of(
            S3Access.GATEWAY_ENDPOINT, "Add an S3 gateway VPC endpoint to every private route table: S3 traffic stops crossing the NAT gateway at once (no data moves, no downtime)."));
    public static final Knob<Flag> FETCH_FROM_FOLLOWER = new Knob<>("fetch_from_follower", Flag.class, Map.of(
            Flag.TRUE, "Set client.rack on every consumer so it reads from the replica in its own AZ (KIP-392; MSK sets broker.rack)."));
    public static final Knob<Codec> PRODUCER_COMPRESSION = new Knob<>("producer_compression", Codec.class, Map.of(
            Codec.ZSTD, "Set compression.type=zstd on every producer (with linger.ms of 5-20 ms so batches fill); brokers store and replicate the batches as sent."));
    public static final Knob<Codec> BRONZE_COMPRESSION = new Knob<>("bronze_compression", Codec.class, Map.of(
            Codec.ZSTD, "Write Bronze objects zstd-compressed (the landing job's writer codec, or the agents' output compression); rewrite older objects during compaction."));

    private static final List<Knob<?>> ALL = List.of(INGESTION, BATCH_COMPUTE, WAREHOUSE, DASHBOARDS, SERVING, TABLE_FORMAT, PIPELINE, ORCHESTRATION,
            PURCHASE, CPU, CLUSTER, CURATED_FORMAT, PARTITIONED, COMPACTION, LIFECYCLE_TIERS, S3_ACCESS, FETCH_FROM_FOLLOWER,
            PRODUCER_COMPRESSION, BRONZE_COMPRESSION);

    private final String key;
    private final Class<V> type;
    private final Map<V, String> migrationSteps;

    private Knob(String key, Class<V> type, Map<V, String> migrationSteps) {
        this.key = key;
        this.type = type;
        this.migrationSteps = migrationSteps;
    }

    /** Every knob, in the order the report lists them. */
    public static List<Knob<?>> values() {
        return ALL;
    }

    /** An empty map keyed by knobs that iterates in the report's order. */
    static <T> Map<Knob<?>, T> map() {
        return new TreeMap<>(Comparator.comparingInt(ALL::indexOf));
    }

    /** The key under {@code choices:} and in JSON. */
    public String key() {
        return key;
    }

    public List<V> allowed() {
        return List.of(type.getEnumConstants());
    }

    /** The value spelled {@code key} in a file, or null. */
    V parse(String key) {
        return Arrays.stream(type.getEnumConstants()).filter(v -> v.key().equals(key)).findFirst().orElse(null);
    }

    /** The value as this knob's type; fails loudly for a value of another knob. */
    V cast(Choice value) {
        return type.cast(value);
    }

    /** How to move a running platform to {@code to}. */
    String migrationStep(Choice from, Choice to) {
        return migrationSteps.getOrDefault(cast(to), "Change " + key + " from " + from.key() + " to " + to.key() + ".");
    }

    /** This knob set to {@code value}: a cause of a symptom, a naive alternative. */
    Setting at(V value) {
        return new Setting(this, value);
    }

    static Knob<?> byKey(String key) {
        return ALL.stream().filter(k -> k.key.equals(key)).findFirst().orElse(null);
    }

    /** A knob and one of its values, printed "key=value". */
    record Setting(Knob<?> knob, Choice value) {
        @Override
        public String toString() {
            return knob.key() + "=" + value.key();
        }
    }
}
