package io.alluvium.config;

import static io.alluvium.config.ConfigDef.Type.BOOLEAN;
import static io.alluvium.config.ConfigDef.Type.DOUBLE;
import static io.alluvium.config.ConfigDef.Type.DURATION;
import static io.alluvium.config.ConfigDef.Type.INT;
import static io.alluvium.config.ConfigDef.Type.LONG;
import static io.alluvium.config.ConfigDef.Type.MEMORY;
import static io.alluvium.config.ConfigDef.Type.PASSWORD;
import static io.alluvium.config.ConfigDef.Type.STRING;
import static io.alluvium.config.ConfigDef.atLeast;
import static io.alluvium.config.ConfigDef.between;
import static io.alluvium.config.ConfigDef.durationBetween;
import static io.alluvium.config.ConfigDef.fraction;
import static io.alluvium.config.ConfigDef.hostAndPortOrEmpty;
import static io.alluvium.config.ConfigDef.memoryAtLeast;
import static io.alluvium.config.ConfigDef.notBlank;
import static io.alluvium.config.ConfigDef.oneOf;
import static io.alluvium.config.ConfigDef.oneOrBetween;

import java.time.Duration;

/**
 * The declaration of every key of {@code alluvium.yaml}: one place to read what can be set, its
 * default and what it means. In the YAML file a key {@code kafka.port} is written as {@code port}
 * under {@code kafka:}. Every key has an embedded default, so an empty file runs everything locally.
 */
public final class AlluviumSettings {
    private AlluviumSettings() {
    }

    public static final String DATA_DIR = "data.dir";
    public static final String CLUSTER_ENABLED = "cluster.enabled";

    public static final String KAFKA_BOOTSTRAP = "kafka.bootstrap-servers";
    public static final String KAFKA_PORT = "kafka.port";
    public static final String KAFKA_CONTROLLER_PORT = "kafka.controller-port";
    public static final String KAFKA_PARTITIONS = "kafka.partitions";
    public static final String KAFKA_HEAP = "kafka.heap";
    public static final String KAFKA_NODES = "kafka.nodes";

    public static final String CATALOG_NAME = "catalog.name";
    public static final String CATALOG_JDBC_URL = "catalog.jdbc-url";
    public static final String CATALOG_JDBC_USER = "catalog.jdbc-user";
    public static final String CATALOG_JDBC_PASSWORD = "catalog.jdbc-password";
    public static final String CATALOG_POSTGRES_PORT = "catalog.postgres-port";
    public static final String CATALOG_WAREHOUSE = "catalog.warehouse";
    public static final String NETWORK_S3_GATEWAY_ENDPOINT = "network.s3-gateway-endpoint";
    public static final String S3_ENDPOINT = "s3.endpoint";
    public static final String S3_PATH_STYLE_ACCESS = "s3.path-style-access";
    public static final String S3_REGION = "s3.region";
    public static final String S3_ACCESS_KEY_ID = "s3.access-key-id";
    public static final String S3_SECRET_ACCESS_KEY = "s3.secret-access-key";
    public static final String OBJECT_STORE_EMBEDDED = "object-store.embedded";
    public static final String OBJECT_STORE_PORT = "object-store.port";

    public static final String GENERATOR_SEED = "generator.seed";
    public static final String GENERATOR_EVENTS = "generator.events";
    public static final String GENERATOR_RATE = "generator.rate";
    public static final String GENERATOR_DUPLICATE_RATE = "generator.duplicate-rate";
    public static final String GENERATOR_LATE_RATE = "generator.late-rate";
    public static final String GENERATOR_MALFORMED_RATE = "generator.malformed-rate";
    public static final String GENERATOR_ZIPF_EXPONENT = "generator.zipf-exponent";
    public static final String GENERATOR_SCHEMA_V2_AT = "generator.schema-v2-at";
    public static final String GENERATOR_BURST_FACTOR = "generator.burst-factor";
    public static final String GENERATOR_START_DATE = "generator.start-date";
    public static final String GENERATOR_DAYS = "generator.days";
    public static final String GENERATOR_FRAUD_RATE = "generator.fraud-rate";

    public static final String LANDING_CHECKPOINT_INTERVAL = "landing.checkpoint-interval";
    public static final String LANDING_PARALLELISM = "landing.parallelism";
    public static final String LANDING_MAINTENANCE = "landing.maintenance";
    public static final String LANDING_MAINTENANCE_INTERVAL = "landing.maintenance-interval";
    public static final String FLINK_HEAP = "flink.heap";
    public static final String FLINK_CLUSTER = "flink.cluster";
    public static final String FLINK_CLUSTER_EMBEDDED = "flink.cluster-embedded";
    public static final String FLINK_CLUSTER_PORT = "flink.cluster-port";
    public static final String FLINK_CLUSTER_RPC_PORT = "flink.cluster-rpc-port";
    public static final String FLINK_CLUSTER_TASKMANAGERS = "flink.cluster-taskmanagers";

    public static final String REALTIME_WATERMARK_DELAY = "realtime.watermark-delay";
    public static final String REALTIME_IDLE_PARTITION_TIMEOUT = "realtime.idle-partition-timeout";
    public static final String REALTIME_ALLOWED_LATENESS = "realtime.window-allowed-lateness";
    public static final String REALTIME_PARALLELISM = "realtime.parallelism";
    public static final String REALTIME_DEDUP_RETENTION = "realtime.dedup-retention";
    public static final String REALTIME_CHECKPOINT_INTERVAL = "realtime.checkpoint-interval";
    public static final String REALTIME_FLUSH_INTERVAL = "realtime.flush-interval";
    public static final String REALTIME_STATE_BACKEND = "realtime.state-backend";
    public static final String REALTIME_STATE_MEMORY = "realtime.state-memory";
    public static final String REALTIME_HEAP_LIMIT = "realtime.heap-limit";
    public static final String FRAUD_VELOCITY_PAYMENTS = "realtime.fraud.velocity-payments";
    public static final String FRAUD_VELOCITY_WINDOW = "realtime.fraud.velocity-window";
    public static final String FRAUD_AMOUNT_FACTOR = "realtime.fraud.amount-factor";
    public static final String FRAUD_AMOUNT_MIN_HISTORY = "realtime.fraud.amount-min-history";
    public static final String FRAUD_DECLINES_BEFORE_APPROVAL = "realtime.fraud.declines-before-approval";
    public static final String FRAUD_ORDER_WAIT = "realtime.fraud.order-wait";

    public static final String SERVING_REDIS_URL = "serving.redis-url";
    public static final String SERVING_PORT = "serving.port";
    public static final String SERVING_PASSWORD = "serving.password";
    public static final String SERVING_VIEW = "serving.view";

    public static final String SERVE_HOST = "serve.host";
    public static final String SERVE_PORT = "serve.port";

    public static final String SPARK_MASTER = "spark.master";
    public static final String SPARK_HEAP = "spark.heap";
    public static final String SPARK_SHUFFLE_PARTITIONS = "spark.shuffle-partitions";
    public static final String SPARK_EXECUTOR_MEMORY = "spark.executor-memory";
    public static final String SPARK_CORES_MAX = "spark.cores-max";
    public static final String SPARK_CLUSTER_EMBEDDED = "spark.cluster-embedded";
    public static final String SPARK_CLUSTER_PORT = "spark.cluster-port";
    public static final String SPARK_CLUSTER_UI_PORT = "spark.cluster-ui-port";
    public static final String SPARK_CLUSTER_WORKERS = "spark.cluster-workers";
    public static final String BATCH_MAINTENANCE = "batch.maintenance";

    public static final String MAINTENANCE_TARGET_FILE_SIZE = "maintenance.target-file-size";
    public static final String MAINTENANCE_SMALL_FILE_SHARE = "maintenance.small-file-share";
    public static final String MAINTENANCE_SNAPSHOT_MAX_AGE = "maintenance.snapshot-max-age";
    public static final String MAINTENANCE_MIN_SNAPSHOTS = "maintenance.min-snapshots";
    public static final String MAINTENANCE_ORPHAN_MIN_AGE = "maintenance.orphan-min-age";

    public static final String ORCHESTRATOR_POLL_INTERVAL = "orchestrator.poll-interval";
    public static final String ORCHESTRATOR_HEARTBEAT_INTERVAL = "orchestrator.heartbeat-interval";
    public static final String ORCHESTRATOR_THREADS = "orchestrator.threads";
    public static final String PIPELINE_SCHEDULE = "pipeline.schedule";
    public static final String PIPELINE_NEW_DATA_INTERVAL = "pipeline.new-data-interval";
    public static final String PIPELINE_CATCH_UP = "pipeline.catch-up";
    public static final String PIPELINE_STEP_ATTEMPTS = "pipeline.step-attempts";
    public static final String PIPELINE_STEP_BACKOFF = "pipeline.step-backoff";

    public static final String CONSOLE_PROGRESS = "console.progress";

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(DATA_DIR, STRING, "./alluvium-data",
                    "Directory that holds all state: logs, warehouse, broker and catalog storage, reports.")
            .define(CLUSTER_ENABLED, BOOLEAN, "false",
                    "Run the platform as a multi-process cluster on this machine (`alluvium up --cluster`): "
                            + "turns on, unless they are set otherwise, " + ClusterProfile.describe() + ". "
                            + "While a platform started so is up, every command of its data.dir uses it.")

            .define(KAFKA_BOOTSTRAP, STRING, "",
                    "Bootstrap servers of an external Kafka or MSK cluster; empty starts the embedded broker.")
            .define(KAFKA_PORT, INT, "19092", between(1024, 65535),
                    "Client port of the embedded broker (bound to 127.0.0.1); of its node 1 with kafka.nodes > 1.")
            .define(KAFKA_CONTROLLER_PORT, INT, "19093", between(1024, 65535),
                    "KRaft controller port of the embedded broker (bound to 127.0.0.1); of its node 1 with "
                            + "kafka.nodes > 1.")
            .define(KAFKA_PARTITIONS, INT, "4", between(1, 10_000),
                    "Partitions of each topic Alluvium creates.")
            .define(KAFKA_HEAP, MEMORY, "512m", memoryAtLeast("128m"),
                    "Heap of the embedded broker JVM (of each node's JVM with kafka.nodes > 1).")
            .define(KAFKA_NODES, INT, "1", oneOrBetween(3, 9),
                    "Nodes of the embedded Kafka. 1 is a single broker; 3 or more are that many KRaft nodes, each "
                            + "broker and controller in a JVM of its own on 127.0.0.1, formatted as one cluster "
                            + "with one controller quorum of all of them. Every topic, the internal ones included, "
                            + "then has 3 replicas and min.insync.replicas 2, so that a node may fail while the "
                            + "generator's acks=all producer goes on. Node n listens on kafka.port + 2(n-1) for "
                            + "clients and kafka.controller-port + 2(n-1) for the quorum (docs/deploy.md).")

            .define(CATALOG_NAME, STRING, "alluvium", "Name of the Iceberg catalog, as seen from SQL.")
            .define(CATALOG_JDBC_URL, STRING, "",
                    "JDBC URL of the Iceberg catalog database (e.g. RDS PostgreSQL); empty starts the embedded PostgreSQL.")
            .define(CATALOG_JDBC_USER, STRING, "alluvium", notBlank(),
                    "User of the catalog database; for the embedded PostgreSQL, the login role Alluvium creates for "
                            + "the catalog alone (never its superuser postgres).")
            .define(CATALOG_JDBC_PASSWORD, PASSWORD, "",
                    "Password of the catalog database (never printed); empty for the embedded PostgreSQL means the one "
                            + "generated in <data.dir>/secrets/catalog.password.")
            .define(CATALOG_POSTGRES_PORT, INT, "15432", between(1024, 65535),
                    "Port of the embedded PostgreSQL (bound to 127.0.0.1).")
            .define(CATALOG_WAREHOUSE, STRING, "",
                    "Warehouse location: a directory, or s3://bucket/prefix (Iceberg's S3FileIO, with the s3.* "
                            + "settings); empty means <data.dir>/warehouse, or s3://alluvium/warehouse on the embedded "
                            + "object store (object-store.embedded).")
            .define(S3_ENDPOINT, STRING, "",
                    "Endpoint of an S3-compatible store for an s3:// warehouse (MinIO, s3proxy, ...); empty means "
                            + "AWS S3 itself, in s3.region.")
            .define(S3_PATH_STYLE_ACCESS, BOOLEAN, "false",
                    "Address buckets as endpoint/bucket rather than bucket.endpoint (most S3-compatible stores need "
                            + "it; AWS S3 does not).")
            .define(S3_REGION, STRING, "us-east-1", notBlank(), "AWS region of the warehouse's bucket.")
            .define(S3_ACCESS_KEY_ID, STRING, "",
                    "Access key id for the warehouse's bucket; empty means the AWS SDK's default credentials "
                            + "(environment, profile, instance or task role: prefer a role to static keys).")
            .define(S3_SECRET_ACCESS_KEY, PASSWORD, "",
                    "Secret of s3.access-key-id (never printed).")
            .define(OBJECT_STORE_EMBEDDED, BOOLEAN, "false",
                    "`alluvium up` also starts an S3-compatible object store (s3proxy, files under "
                            + "<data.dir>/object-store) on 127.0.0.1, with a password generated in "
                            + "<data.dir>/secrets/object-store.password, and the warehouse defaults to "
                            + "s3://alluvium/warehouse on it: the lake's files are objects, as on S3.")
            .define(OBJECT_STORE_PORT, INT, "19000", between(1024, 65535),
                    "Port of the embedded object store (bound to 127.0.0.1).")
            .define(NETWORK_S3_GATEWAY_ENDPOINT, BOOLEAN, "false",
                    "The VPC the platform runs in routes S3 through a gateway endpoint (free); without one, S3 "
                            + "traffic from private subnets goes through a NAT gateway billed per GB, which "
                            + "`alluvium doctor` prices for an s3:// warehouse.")

            .define(GENERATOR_SEED, LONG, "42", "Seed of the event generator: the same seed sends the same events.")
            .define(GENERATOR_EVENTS, LONG, "30000", between(1, 1_000_000_000L),
                    "Events per run across the three topics (clickstream 60%, orders 20%, payments 20%).")
            .define(GENERATOR_RATE, LONG, "0", between(0, 10_000_000L),
                    "Target events per second; 0 sends as fast as the broker takes them.")
            .define(GENERATOR_DUPLICATE_RATE, DOUBLE, "0.02", fraction(),
                    "Share of events sent again with the same event_id, as a retrying producer does.")
            .define(GENERATOR_LATE_RATE, DOUBLE, "0.01", fraction(),
                    "Share of events whose event_ts lies hours behind the stream.")
            .define(GENERATOR_MALFORMED_RATE, DOUBLE, "0.01", fraction(),
                    "Share of records that are malformed: bad JSON, missing field, wrong type, negative amount.")
            .define(GENERATOR_ZIPF_EXPONENT, DOUBLE, "1.1", atLeast(0.0),
                    "Skew of users, products and cities (Zipf exponent; 0 is uniform).")
            .define(GENERATOR_SCHEMA_V2_AT, DOUBLE, "0.5", fraction(),
                    "Fraction of the orders after which orders carry schema v2 (coupon_code); 1.0 never switches.")
            .define(GENERATOR_BURST_FACTOR, DOUBLE, "1.0", atLeast(1.0),
                    "Rate multiplier during bursts (1.0 means no bursts); only with a target rate.")
            .define(GENERATOR_START_DATE, STRING, "2026-11-01",
                    "First event day (ISO date) of the first generator run into a data directory; run n starts "
                            + "where run n-1's generator.days ended.")
            .define(GENERATOR_DAYS, INT, "3", between(1, 3660),
                    "Number of event days the generated stream spans.")
            .define(GENERATOR_FRAUD_RATE, DOUBLE, "0.002", fraction(),
                    "Share of payments that start a planted fraud case (one pattern per realtime.fraud rule, "
                            + "in turn); every case is listed in the run's report. 0 plants none.")

            .define(LANDING_CHECKPOINT_INTERVAL, DURATION, "5s",
                    durationBetween(Duration.ofMillis(200), Duration.ofHours(1)),
                    "Flink checkpoint interval of the landing job; each checkpoint commits to Bronze.")
            .define(LANDING_PARALLELISM, INT, "2", between(1, 1024), "Parallelism of the landing job.")
            .define(LANDING_MAINTENANCE, BOOLEAN, "true",
                    "The landing job keeps each Bronze table healthy as it commits (Iceberg's Flink table "
                            + "maintenance): compaction, snapshot expiry and orphan removal with the maintenance.* "
                            + "thresholds, under a lock in the catalog database (docs/maintenance.md).")
            .define(LANDING_MAINTENANCE_INTERVAL, DURATION, "10m",
                    durationBetween(Duration.ofSeconds(1), Duration.ofDays(7)),
                    "How often the landing job runs each Bronze maintenance task at most (the first time this long "
                            + "after it starts).")
            .define(FLINK_HEAP, MEMORY, "1g", memoryAtLeast("256m"), "Heap of the Flink job JVM.")
            .define(FLINK_CLUSTER, STRING, "", hostAndPortOrEmpty(),
                    "host:port of the REST endpoint of a Flink session cluster's JobManager: the landing and "
                            + "realtime jobs are submitted to it with the job jar "
                            + "(flink-jobs/target/alluvium-flink-jobs-job.jar), followed, stopped with a savepoint and "
                            + "resumed from it as in their own JVM; its processes must reach data.dir's checkpoints "
                            + "(docs/deploy.md). Empty runs each job in a Flink MiniCluster inside its own JVM, or on "
                            + "the embedded session cluster (flink.cluster-embedded).")
            .define(FLINK_CLUSTER_EMBEDDED, BOOLEAN, "false",
                    "`alluvium up` also starts a Flink standalone session cluster on 127.0.0.1: a JobManager (REST "
                            + "API and web UI on flink.cluster-port) and flink.cluster-taskmanagers TaskManagers, each "
                            + "in a JVM of its own; with flink.cluster empty, the stream jobs are submitted to it.")
            .define(FLINK_CLUSTER_PORT, INT, "18081", between(1024, 65535),
                    "REST API and web UI port of the embedded Flink JobManager (bound to 127.0.0.1).")
            .define(FLINK_CLUSTER_RPC_PORT, INT, "16123", between(1024, 65535 - 8),
                    "RPC port of the embedded Flink JobManager, which its TaskManagers register with; TaskManager n "
                            + "listens on this port + n (all bound to 127.0.0.1).")
            .define(FLINK_CLUSTER_TASKMANAGERS, INT, "2", between(1, 8),
                    "TaskManagers of the embedded Flink cluster, each with as many slots as the larger of "
                            + "landing.parallelism and realtime.parallelism, so that a job restarts on the others when "
                            + "one fails.")

            .define(REALTIME_WATERMARK_DELAY, DURATION, "5m", durationBetween(Duration.ZERO, Duration.ofDays(1)),
                    "How far event time may run out of order before the realtime job's watermark passes it.")
            .define(REALTIME_IDLE_PARTITION_TIMEOUT, DURATION, "30s",
                    durationBetween(Duration.ofMillis(200), Duration.ofDays(1)),
                    "A Kafka partition the realtime job has caught up with (its last record was read within this "
                            + "long of its Kafka timestamp) stops holding the watermark back after this long without "
                            + "a record; a partition whose last record was older (a backlog being read) never does.")
            .define(REALTIME_ALLOWED_LATENESS, DURATION, "49h", durationBetween(Duration.ZERO, Duration.ofDays(30)),
                    "How long after its end a realtime (city, hour) window, its minutes included, still takes late events; later ones are counted as too late and kept.")
            .define(REALTIME_PARALLELISM, INT, "2", between(1, 1024), "Parallelism of the realtime job.")
            .define(REALTIME_DEDUP_RETENTION, DURATION, "168h", durationBetween(Duration.ofHours(1), Duration.ofDays(365)),
                    "How long (in event time, past the watermark) the realtime job remembers an event_id to drop "
                            + "its copies; a copy arriving later counts as a new event. The state holds the ids of "
                            + "this much event time. For the city views it need not exceed "
                            + "realtime.window-allowed-lateness + 1h (a later copy is too late for every window); the "
                            + "counts of valid and duplicate events stay exact only for copies that arrive within it, "
                            + "so size it to your producers' retry horizon.")
            .define(REALTIME_CHECKPOINT_INTERVAL, DURATION, "5s",
                    durationBetween(Duration.ofMillis(200), Duration.ofHours(1)),
                    "Flink checkpoint interval of the realtime job: how much a restart replays.")
            .define(REALTIME_FLUSH_INTERVAL, DURATION, "50ms", durationBetween(Duration.ZERO, Duration.ofSeconds(10)),
                    "The longest a record waits in a buffer of the realtime job before it is sent on: at each "
                            + "network hop between its operators, and for a write in the serving-store sink. Each "
                            + "hop and the sink add up to this to the freshness of a value; lower is fresher, "
                            + "higher costs less per event (0: every record is sent at once).")
            .define(REALTIME_STATE_BACKEND, STRING, "hashmap", oneOf("hashmap", "rocksdb"),
                    "Where the realtime job keeps its keyed state (the dedup ids of realtime.dedup-retention, open "
                            + "windows, the user features' last hour, the fraud rules' history): hashmap keeps it on "
                            + "the JVM heap (flink.heap) and writes it whole in every checkpoint: the fastest, for state "
                            + "that fits the heap (a laptop's streams); rocksdb keeps it on local disk (under "
                            + "<data.dir>/tmp) and checkpoints only what changed since the last checkpoint, so the state "
                            + "may outgrow the heap (a stream that runs for days at thousands of events a second), at "
                            + "a few times the cost per event. A job stopped cleanly (a savepoint) resumes on either; "
                            + "one killed resumes on the one it ran on.")
            .define(REALTIME_STATE_MEMORY, MEMORY, "512m", memoryAtLeast("64m"),
                    "With realtime.state-backend=rocksdb: the memory RocksDB may use for its block cache and write "
                            + "buffers, shared by the job's slots (Flink managed memory, outside flink.heap); too little "
                            + "makes state lookups read from disk.")
            .define(REALTIME_HEAP_LIMIT, DOUBLE, "0.85", fraction(),
                    "The share of flink.heap the realtime job's state may keep in use after garbage collection: "
                            + "when every collection for 10 s leaves more, the job stops cleanly with a savepoint and "
                            + "says how to make the state fit (rocksdb, shorter retention, more heap), instead of "
                            + "slowing to a halt in full collections. 1.0 never stops it.")
            .define(FRAUD_VELOCITY_PAYMENTS, INT, "5", between(1, 10_000),
                    "Fraud rule card_velocity: an alert when a card makes more than this many payments within "
                            + "realtime.fraud.velocity-window of event time.")
            .define(FRAUD_VELOCITY_WINDOW, DURATION, "60s", durationBetween(Duration.ofSeconds(1), Duration.ofDays(1)),
                    "Fraud rule card_velocity: the event-time window its payments are counted in.")
            .define(FRAUD_AMOUNT_FACTOR, DOUBLE, "5.0", atLeast(1.5),
                    "Fraud rule amount_spike: an alert when a payment is more than this many times the average of "
                            + "the user's earlier authorized payments.")
            .define(FRAUD_AMOUNT_MIN_HISTORY, INT, "5", between(1, 10_000),
                    "Fraud rule amount_spike: how many earlier authorized payments a user needs before the rule "
                            + "applies.")
            .define(FRAUD_DECLINES_BEFORE_APPROVAL, INT, "3", between(1, 10_000),
                    "Fraud rule declines_then_approval: an alert when an authorized payment follows at least this "
                            + "many declined ones in a row on the same card.")
            .define(FRAUD_ORDER_WAIT, DURATION, "1h", durationBetween(Duration.ofSeconds(1), Duration.ofDays(2)),
                    "Fraud rule ip_country_mismatch: how far apart in event time a payment and an event of its order "
                            + "may be; a payment without one is counted as without_order, not alerted.")

            .define(SERVING_REDIS_URL, STRING, "",
                    "URL of the serving store (redis://host:port, rediss:// for TLS; ElastiCache, MemoryDB, Valkey); empty starts the embedded redis-server.")
            .define(SERVING_PORT, INT, "16379", between(1024, 65535),
                    "Port of the embedded redis-server (bound to 127.0.0.1).")
            .define(SERVING_PASSWORD, PASSWORD, "",
                    "Password of the serving store (requirepass; never printed); empty for the embedded redis-server "
                            + "means the one generated in <data.dir>/secrets/serving.password.")
            .define(SERVING_VIEW, STRING, "lambda", oneOf("lambda", "speed", "batch"),
                    "What `alluvium serve` and `alluvium watch` answer city sales per hour from: lambda takes the hours "
                            + "up to the batch watermark from Gold as `alluvium batch` published it and the later ones "
                            + "from the realtime job; speed only the realtime job's; batch only published Gold. Every "
                            + "row says its source (flink-jobs/REALTIME.md, Batch view).")

            .define(SERVE_HOST, STRING, "127.0.0.1", notBlank(),
                    "Address `alluvium serve` binds its read-only HTTP API to; 0.0.0.0 exposes it to the network.")
            .define(SERVE_PORT, INT, "8089", between(1024, 65535), "Port of `alluvium serve`'s HTTP API.")

            .define(SPARK_MASTER, STRING, "local[2]",
                    "Spark master URL of the batch jobs: local[N] runs them inside their own JVM; spark://host:port "
                            + "on a standalone cluster, with the job jar (spark-jobs/target/alluvium-spark-jobs-job.jar) "
                            + "shipped to its executors (docs/deploy.md). A local[N] master gives way to the embedded "
                            + "cluster (spark.cluster-embedded).")
            .define(SPARK_HEAP, MEMORY, "2g", memoryAtLeast("512m"), "Heap of the Spark driver JVM.")
            .define(SPARK_SHUFFLE_PARTITIONS, INT, "4", between(1, 100_000),
                    "spark.sql.shuffle.partitions of batch jobs.")
            .define(SPARK_EXECUTOR_MEMORY, MEMORY, "512m", memoryAtLeast("512m"),
                    "spark.executor.memory of a batch job on a cluster; each worker of the embedded cluster offers "
                            + "this much, for one executor.")
            .define(SPARK_CORES_MAX, INT, "2", between(1, 100_000),
                    "spark.cores.max of a batch job on a cluster: the cores it takes at most, one per executor.")
            .define(SPARK_CLUSTER_EMBEDDED, BOOLEAN, "false",
                    "`alluvium up` also starts a Spark standalone cluster on 127.0.0.1: a master (web UI on "
                            + "spark.cluster-ui-port) and spark.cluster-workers workers of one core each, each in a JVM "
                            + "of its own, sharing a secret generated in <data.dir>/secrets; with spark.master local[N], "
                            + "the batch jobs run on it.")
            .define(SPARK_CLUSTER_PORT, INT, "17077", between(1024, 65535 - 8),
                    "RPC port of the embedded Spark master; worker n listens on this port + n (all bound to "
                            + "127.0.0.1).")
            .define(SPARK_CLUSTER_UI_PORT, INT, "18080", between(1024, 65535 - 8),
                    "Web UI port of the embedded Spark master (its state as JSON at /json/); worker n's web UI is on "
                            + "this port + n (all bound to 127.0.0.1).")
            .define(SPARK_CLUSTER_WORKERS, INT, "2", between(1, 8),
                    "Workers of the embedded Spark cluster, one core and spark.executor-memory each, so that a batch "
                            + "job's tasks are retried on the others when one fails.")
            .define(BATCH_MAINTENANCE, BOOLEAN, "true",
                    "After each build, `alluvium batch` maintains the Silver, Quarantine and Gold tables it wrote that "
                            + "`alluvium doctor` would flag (small files, old snapshots, manifests, metadata), with "
                            + "the maintenance.* thresholds; healthy tables are left alone (docs/maintenance.md).")

            .define(MAINTENANCE_TARGET_FILE_SIZE, MEMORY, "64m", memoryAtLeast("1m"),
                    "Size `alluvium maintain` compacts data files to (Iceberg's rewrite_data_files, bin-pack). 64m fits "
                            + "a laptop's tables; on a cluster use 128m-512m, as Iceberg (512m), the Glue table "
                            + "optimizer and Amoro do.")
            .define(MAINTENANCE_SMALL_FILE_SHARE, DOUBLE, "0.75", fraction(),
                    "A data file is small below this share of maintenance.target-file-size: compaction rewrites "
                            + "the small files (and files over 180 % of the target), and leaves the others.")
            .define(MAINTENANCE_SNAPSHOT_MAX_AGE, DURATION, "120h", durationBetween(Duration.ofMinutes(1),
                            Duration.ofDays(3650)),
                    "`alluvium maintain` expires snapshots older than this (beyond maintenance.min-snapshots): "
                            + "time travel reaches this far back. Iceberg's own default is 5 days.")
            .define(MAINTENANCE_MIN_SNAPSHOTS, INT, "10", between(1, 1_000_000),
                    "Snapshots of a table kept by `alluvium maintain` whatever their age.")
            .define(MAINTENANCE_ORPHAN_MIN_AGE, DURATION, "72h", durationBetween(Duration.ofMinutes(10),
                            Duration.ofDays(3650)),
                    "`alluvium maintain` removes files no snapshot references only when older than this: longer "
                            + "than any write can take, so that the files of a commit in flight are never removed. "
                            + "Iceberg's own default is 3 days.")

            .define(ORCHESTRATOR_POLL_INTERVAL, DURATION, "1s", durationBetween(Duration.ofMillis(100),
                            Duration.ofMinutes(10)),
                    "How often each pipeline scheduler asks the catalog database for task attempts that are due "
                            + "(db-scheduler's polling): the longest a queued attempt waits for a scheduler "
                            + "(docs/orchestration.md).")
            .define(ORCHESTRATOR_HEARTBEAT_INTERVAL, DURATION, "10s", durationBetween(Duration.ofMillis(200),
                            Duration.ofMinutes(10)),
                    "How often a pipeline scheduler tells the catalog database that the attempts it runs are alive. "
                            + "After 6 missed heartbeats another scheduler takes the attempt over and records it as "
                            + "abandoned, so a dead scheduler's run goes on after about 6 times this "
                            + "(docs/orchestration.md#durability).")
            .define(ORCHESTRATOR_THREADS, INT, "2", between(1, 64),
                    "How many task attempts one pipeline scheduler runs at once (tasks of a run that do not "
                            + "depend on each other run side by side).")
            .define(PIPELINE_SCHEDULE, STRING, "",
                    "When the platform's pipeline runs by itself: a 5-field Unix cron expression in UTC (minute hour "
                            + "day-of-month month day-of-week, e.g. `0 3 * * *`), or empty for no schedule. "
                            + "`alluvium run` and `alluvium pipeline scheduler` start a run at each time it names, "
                            + "unless one is running (docs/orchestration.md#triggers); it is also the schedule of an "
                            + "exported Airflow DAG and the expression of the EventBridge rule that starts an exported "
                            + "Step Functions state machine.")
            .define(PIPELINE_NEW_DATA_INTERVAL, DURATION, "1m", durationBetween(Duration.ZERO, Duration.ofDays(1)),
                    "How often `alluvium run` and `alluvium pipeline scheduler` look for new data in Bronze (each "
                            + "table's row count, from its metadata): when it changed since the last run started, "
                            + "and no run is running, a run starts (docs/orchestration.md#triggers). 0s: no data "
                            + "trigger.")
            .define(PIPELINE_CATCH_UP, BOOLEAN, "true",
                    "When a time `pipeline.schedule` names passed while no scheduler instance was up: true starts one "
                            + "run when an instance is back (one, however many times were missed); false skips what "
                            + "was missed, and the next run is at the next time (docs/orchestration.md#triggers).")
            .define(PIPELINE_STEP_ATTEMPTS, INT, "3", between(1, 20),
                    "The retry policy of the pipeline's Spark steps (silver, gold, publish, maintain): how many "
                            + "attempts each may have, the first included; the quality checks have one, a failed "
                            + "invariant does not heal by itself (docs/orchestration.md#the-platforms-pipeline).")
            .define(PIPELINE_STEP_BACKOFF, DURATION, "30s", durationBetween(Duration.ZERO, Duration.ofHours(6)),
                    "How long after a failed attempt of a Spark step of the pipeline the next one starts; it doubles "
                            + "after each further failure (30s, 60s, 120s and so on).")

            .define(CONSOLE_PROGRESS, BOOLEAN, "true", "Show progress bars on the console.");
}
