package io.alluvium.architect;

import static io.alluvium.architect.Formula.ceil;
import static io.alluvium.architect.Formula.inSizeUnit;
import static io.alluvium.architect.Formula.max;
import static io.alluvium.architect.Formula.min;
import static io.alluvium.architect.Formula.of;
import static io.alluvium.architect.Quantities.MB;
import static io.alluvium.architect.Quantities.SECONDS_PER_DAY;
import static io.alluvium.architect.Quantities.SECONDS_PER_HOUR;

import io.alluvium.architect.Knob.BatchCompute;
import io.alluvium.architect.Knob.Cluster;
import io.alluvium.architect.Knob.Codec;
import io.alluvium.architect.Knob.CuratedFormat;
import io.alluvium.architect.Knob.DashboardStore;
import io.alluvium.architect.Knob.Ingestion;
import io.alluvium.architect.Knob.Pipeline;
import io.alluvium.architect.Knob.Serving;
import io.alluvium.architect.Knob.TableFormat;
import io.alluvium.architect.Knob.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Capacity as arithmetic the reader can check: rates, partitions and brokers, Flink slots, Spark cores
 * for the batch window, bytes per layer after compression, objects and requests per day, bytes scanned
 * per query, serving operations and network bytes. Exists so that cost, bottlenecks and optimizations
 * all start from the same numbers, each printed with its formula: every figure is a {@link Formula}, so the
 * text a reader checks is made of the operands the number was computed from.
 */
public final class CapacityPlan {
    /** Partitions, shards and slots are sized for peak x this: room for a catch-up after an outage. */
    static final double HEADROOM = 1.5;
    static final int REPLICATION = 3;
    /** Brokers and partitions come in multiples of the availability zones, one replica in each. */
    static final int AZS = 3;
    static final int MIN_PARTITIONS = 6;
    /** Produce + replica ingress one kafka.m7g/m5.xlarge broker sustains (planning figure, MSK right-sizing guidance). */
    static final double BROKER_MB_PER_S = 50;
    /** MSK's recommended maximum partitions (replicas included) per xlarge broker. */
    static final double PARTITIONS_PER_BROKER = 1000;
    static final double KINESIS_SHARD_MB_PER_S = 1;
    static final double KINESIS_SHARD_RECORDS_PER_S = 1000;
    static final double KINESIS_PUT_UNIT_BYTES = 25_000;
    /** Kinesis on-demand bills each record's bytes rounded up to a KiB. */
    static final double KINESIS_ON_DEMAND_RECORD_BYTES = 1024;
    /**
     * Client ingress one express.m7g.xlarge Express broker sustains (AWS's recommended figure; replication is the
     * service's, so it is not counted again as it is for Standard brokers).
     */
    static final double EXPRESS_BROKER_MB_PER_S = 31.2;
    /** Flink checkpoint = Iceberg commit interval of the landing job, unless velocity.micro_batch_interval says otherwise. */
    static final double CHECKPOINT_S = 60;
    /** Log agents (Fluent Bit, Vector) upload a file every 10 min (unless velocity.micro_batch_interval says otherwise) or 100 MB. */
    static final double AGENT_FLUSH_S = 600;
    static final double AGENT_MAX_FILE_BYTES = 100 * MB;
    static final double NODE_VCPU = 16;
    /**
     * A per-run EMR cluster is billed while it provisions and bootstraps before Spark starts: about 8 minutes
     * (planning figure; minutes more with bootstrap actions). Negligible daily, an eighth of an hourly run.
     */
    static final double EMR_STARTUP_S = 8 * 60;
    static final double EXECUTOR_CORES = 4;
    static final double REDSHIFT_NODE_VCPU = 12;
    /** Redshift managed storage one ra3.4xlarge node may hold: a cluster needs nodes for its data, not only its compute. */
    static final double REDSHIFT_NODE_STORAGE_GB = 128_000;
    static final int MIN_REDSHIFT_NODES = 2;
    /** Spark reads each event 1.5 times: Bronze to Silver once, Silver to Gold on half the columns' worth. */
    static final double SPARK_PASSES = 1.5;
    /** In Kappa the stream builds Silver and Gold; Spark only compacts and backfills. */
    static final double KAPPA_SPARK_PASSES = 0.5;
    /**
     * Stored bytes over raw JSON bytes: zstd raw payload, typed Parquet+zstd, uncompressed JSON (defaults for
     * volume.compression; a layer whose compression knob is none stores raw bytes).
     */
    static final double BRONZE_RATIO = 0.25;
    /** zstd over a producer batch (a few hundred events, linger.ms 5-20 ms) compresses less than over a whole Bronze object. */
    static final double PRODUCER_RATIO = 0.3;
    static final double PARQUET_RATIO = 0.12;
    static final double JSON_RATIO = 1.0;
    /** Gold (aggregates, features) is this fraction of Silver. */
    static final double GOLD_FRACTION = 0.05;
    /** A typical query reads this fraction of a columnar table's bytes (column pruning). */
    static final double COLUMNS_READ_FRACTION = 0.2;
    static final double TARGET_FILE_BYTES = 256 * MB;
    /**
     * An analyst query filters on more than time; when compaction sorts files by the common filter columns,
     * min/max statistics let the engine skip all but this fraction of the window's files (planning figure).
     */
    static final double SORTED_READ_FRACTION = 0.1;
    /** Spark's default spark.sql.shuffle.partitions: files per aggregation run when nobody tunes it. */
    static final double SHUFFLE_PARTITIONS = 200;
    static final double HOT_DAYS = 30;
    static final double ATHENA_MIN_BYTES_PER_QUERY = 10 * MB;
    static final double METADATA_FILES_PER_COMMIT = 3;
    /** Each batch run commits Silver and Gold. */
    static final double TABLES_PER_RUN = 2;
    /** Nightly maintenance commits: rewrite_data_files, rewrite_manifests, expire_snapshots. */
    static final double MAINTENANCE_COMMITS_PER_DAY = 3;
    /** Snapshots are expired after this many days when maintenance runs. */
    static final double SNAPSHOT_EXPIRY_DAYS = 5;
    /** The serving store holds the current day of Gold (features, aggregates) online unless users.serving_window says otherwise. */
    static final double SERVING_DAYS = 1;
    static final double REDIS_OPS_PER_NODE = 100_000;
    static final double REDIS_NODE_GB = 13.07;
    /** A primary and a replica per ElastiCache shard (Multi-AZ). */
    static final double NODES_PER_CACHE_SHARD = 2;
    static final double OPENSEARCH_OPS_PER_NODE = 5_000;
    static final int MIN_OPENSEARCH_NODES = 3;
    /** With three AZs, two thirds of client traffic reaches a leader in another AZ. */
    static final double CROSS_AZ_SHARE = 2.0 / 3;
    /**
     * Times compute moves each layer's bytes to or from S3 a day: Bronze landed and read, Silver written and read
     * half again by the Gold pass, compaction reading and rewriting Bronze and Silver.
     */
    static final double BRONZE_S3_PASSES = 2;
    static final double SILVER_S3_PASSES = 1.5;
    static final double COMPACTION_S3_PASSES = 2;
    static final double SERVERLESS_GB_PER_VCPU = 4;
    static final double FLINK_STORAGE_GB_PER_KPU = 50;
    static final double TRANSITIONS_PER_RUN = 25;
    static final double CATALOG_CALLS_PER_QUERY = 5;
    /** A real-time OLAP cluster keeps one server per AZ at least, and each segment on two of them. */
    static final double MIN_OLAP_NODES = 3;
    static final double OLAP_REPLICAS = 2;
    /** Segments one r7g.2xlarge OLAP server (64 GiB memory, gp3 disk) serves at dashboard latency (planning figure). */
    static final double OLAP_NODE_GB = 500;
    /** Dashboard aggregates one OLAP server answers a second within its p99 (planning figure, star-tree indexes). */
    static final double OLAP_QUERIES_PER_S_PER_NODE = 100;
    /** Distinct dashboard tiles the pipeline pre-aggregates, each one key-value item rewritten at every refresh (planning figure). */
    static final double DASHBOARD_TILES = 200;

    private final List<Estimate> estimates = new ArrayList<>();

    double eventsPerDay;
    double avgEventsPerSecond;
    double peakEventsPerSecond;
    double avgMbPerSecond;
    double peakMbPerSecond;
    double partitions;
    double brokers;
    double mskStorageGb;
    double mskWrittenGbPerMonth;
    double kinesisShards;
    double kinesisPutUnitsPerMonth;
    double kinesisInGbPerMonth;
    double kinesisOutGbPerMonth;
    double flinkLandingParallelism;
    double flinkRealtimeParallelism;
    double flinkKpus;
    double sparkRowsPerDay;
    double sparkCoreHoursPerDay;
    double sparkCores;
    double emrNodes;
    double emrWorkerHoursPerDay;
    double emrPrimaryHoursPerDay;
    double redshiftEltNodes;
    double redshiftServingNodes;
    double bronzeBytesPerDay;
    double silverBytesPerDay;
    double goldBytesPerDay;
    double bronzeStandardGb;
    double bronzeColdGb;
    double silverStandardGb;
    double silverColdGb;
    double goldStandardGb;
    double redshiftStorageGb;
    /** Seconds between landing commits (micro-batch) or agent flushes, and the writers that each land a file per interval. */
    double landingIntervalSeconds;
    double landingWriters;
    double landingFilesPerDay;
    double avgLandingFileBytes;
    double silverFilesPerDay;
    double goldFilesPerDay;
    double compactedFilesPerDay;
    double commitsPerDay;
    double snapshotsRetained;
    double filesPerSparkRun;
    double putRequestsPerDay;
    double getRequestsPerDay;
    double sqlBytesPerQuery;
    double dashboardBytesPerQuery;
    double filesPerSqlQuery;
    double athenaTbPerMonth;
    double olapGb;
    double olapNodes;
    double dashboardKvWritesPerDay;
    double dashboardKvReadsPerDay;
    double servingReadsPerSecond;
    double servingWritesPerSecond;
    double servingGb;
    double servingNodes;
    double s3TrafficGbPerDay;
    double natGbPerDay;
    double crossAzGbPerDay;
    double batchRunsPerDay;

    private final Requirements r;
    private final Decisions d;
    private final Calibration cal;
    /** Events land through a log (MSK or Kinesis) and a Flink landing job, not by agents uploading files. */
    private final boolean log;
    private final boolean compaction;
    private final boolean parquet;
    /** Silver and Gold are built by SQL inside Redshift, not by Spark on S3. */
    private final boolean eltInRedshift;
    /** Landed bytes per raw byte on the log: the producer batches' ratio, or 1 when producers do not compress. */
    private final Formula logRatio;

    CapacityPlan(Requirements r, Decisions d, Calibration cal) {
        this.r = r;
        this.d = d;
        this.cal = cal;
        log = !d.is(Knob.INGESTION, Ingestion.S3_DIRECT);
        compaction = d.on(Knob.COMPACTION);
        parquet = d.is(Knob.CURATED_FORMAT, CuratedFormat.PARQUET);
        eltInRedshift = d.is(Knob.BATCH_COMPUTE, BatchCompute.REDSHIFT);
        boolean producerZstd = d.is(Knob.PRODUCER_COMPRESSION, Codec.ZSTD);
        logRatio = of(producerZstd ? r.volume().compression().producer() : 1.0, "").note(producerZstd ? "producer zstd" : "uncompressed batches");
        rates();
        stream();
        spark();
        layers();
        landing();
        queries();
        warehouse();
        serving();
        network();
    }

    private Formula perDay() {
        return Formula.bytes(r.volume().bytesPerDay(), "/day");
    }

    private static Formula perDay(double bytes) {
        return Formula.bytes(bytes, "/day");
    }

    private static Formula secondsPerDay() {
        return of(SECONDS_PER_DAY, "s/day");
    }

    private static Formula headroom() {
        return of(HEADROOM, "headroom");
    }

    private void rates() {
        Requirements.Volume v = r.volume();
        eventsPerDay = v.eventsPerDay();
        avgEventsPerSecond = add("events_per_s_avg", "Events/s, average", "events/s",
                perDay().over(Formula.bytes(v.eventBytes(), " per event")).over(secondsPerDay()));
        peakEventsPerSecond = add("events_per_s_peak", "Events/s, peak", "events/s",
                of(avgEventsPerSecond, "events/s").times(v.peakFactor(), "peak factor"));
        avgMbPerSecond = add("ingest_mb_per_s_avg", "Ingest MB/s, average", "MB/s", perDay().over(secondsPerDay()));
        peakMbPerSecond = add("ingest_mb_per_s_peak", "Ingest MB/s, peak", "MB/s",
                inSizeUnit(avgMbPerSecond, "MB/s").times(v.peakFactor(), "peak factor"));
    }

    /** The log (MSK partitions and brokers, or Kinesis shards) and the Flink jobs reading it. */
    private void stream() {
        Formula peakEvents = of(peakEventsPerSecond, "peak events/s");
        Formula slot = of(cal.flinkRowsPerSecondPerSlot().value(), "rows/s per slot");
        if (log) {
            flinkLandingParallelism = add("flink_landing_parallelism", "Flink landing job parallelism", "slots",
                    ceil(peakEvents.times(headroom()).over(slot)));
        }
        if (d.get(Knob.INGESTION).kafka()) {
            kafka(d.is(Knob.INGESTION, Ingestion.MSK_EXPRESS));
        }
        if (d.is(Knob.INGESTION, Ingestion.KINESIS)) {
            kinesisShards(peakEvents);
        }
        if (d.is(Knob.INGESTION, Ingestion.KINESIS_ON_DEMAND)) {
            kinesisOnDemand();
        }
        if (r.streaming()) {
            flinkRealtimeParallelism = add("flink_realtime_parallelism", "Flink real-time job parallelism", "slots",
                    ceil(peakEvents.times(headroom()).over(slot)));
        }
        if (log) {
            double apps = (flinkLandingParallelism > 0 ? 1 : 0) + (flinkRealtimeParallelism > 0 ? 1 : 0);
            flinkKpus = add("flink_kpus", "Managed Flink KPUs", "KPU", of(flinkLandingParallelism, "landing slots")
                    .plus(of(flinkRealtimeParallelism, "real-time slots").note("a slot per KPU"))
                    .plus(of(apps, "orchestration KPU per application")));
        }
    }

    /**
     * Partitions and brokers of an MSK cluster. Standard brokers carry produce and replica traffic and keep every
     * replica on their disks; Express brokers are sized by client ingress and bill the log stored and written.
     */
    private void kafka(boolean express) {
        Formula peakMb = inSizeUnit(peakMbPerSecond, "MB/s");
        Formula replicas = of(REPLICATION, "replicas");
        Formula byMb = ceil(peakMb.times(headroom()).over(inSizeUnit(cal.kafkaPartitionMbPerSecond().value(), "MB/s per partition")));
        partitions = add("kafka_partitions", "Kafka partitions (MSK)", "partitions", Formula.roundUp(max(byMb,
                of(flinkLandingParallelism, "landing slots"), of(MIN_PARTITIONS, "minimum")), AZS));
        Formula byThroughput = express ? ceil(peakMb.over(inSizeUnit(EXPRESS_BROKER_MB_PER_S, "MB/s per Express broker")))
                : ceil(peakMb.times(replicas).over(inSizeUnit(BROKER_MB_PER_S, "MB/s per broker")));
        Formula byPartitions = ceil(of(partitions, "partitions").times(replicas).over(of(PARTITIONS_PER_BROKER, "partitions per broker")));
        brokers = add("msk_brokers", express ? "MSK Express brokers (express.m7g.xlarge, one per AZ at least)"
                : "MSK brokers (kafka.*.xlarge, one per AZ at least)", "brokers", Formula.roundUp(max(byThroughput, byPartitions, of(AZS, "AZs")), AZS));
        Formula logged = inSizeUnit(avgMbPerSecond, "MB/s").times(logRatio).times(secondsPerDay());
        Formula retained = logged.times(r.volume().retention().logDays(), "d log retention");
        mskStorageGb = add("msk_storage_gb", express ? "MSK Express storage (the log stored, billed per GB)" : "MSK storage", "GB",
                express ? retained : retained.times(replicas));
        if (express) {
            mskWrittenGbPerMonth = add("msk_written_gb_per_month", "Data written to Express brokers per month", "GB",
                    logged.times(Quantities.DAYS_PER_MONTH, "d"));
        }
    }

    private void kinesisShards(Formula peakEvents) {
        kinesisShards = add("kinesis_shards", "Kinesis shards", "shards", ceil(max(
                inSizeUnit(peakMbPerSecond, "MB/s").over(inSizeUnit(KINESIS_SHARD_MB_PER_S, "MB/s per shard")),
                peakEvents.over(of(KINESIS_SHARD_RECORDS_PER_S, "records/s per shard"))).times(headroom())));
        Formula unitsPerEvent = ceil(Formula.bytes(r.volume().eventBytes(), " per event").over(Formula.bytes(KINESIS_PUT_UNIT_BYTES, " per PUT unit")));
        kinesisPutUnitsPerMonth = add("kinesis_put_units_per_month", "Kinesis PUT payload units per month", "units",
                of(eventsPerDay, "events/day").times(Quantities.DAYS_PER_MONTH, "d").times(unitsPerEvent));
    }

    /** A Kinesis stream in on-demand mode: no shards to size, each record billed in and out by the KiB. */
    private void kinesisOnDemand() {
        Formula kib = Formula.bytes(KINESIS_ON_DEMAND_RECORD_BYTES, " per KiB");
        Formula billedRecord = ceil(Formula.bytes(r.volume().eventBytes(), " per event").over(kib)).times(kib);
        kinesisInGbPerMonth = add("kinesis_in_gb_per_month", "Kinesis on-demand data ingested per month", "GB",
                of(eventsPerDay, "events/day").times(Quantities.DAYS_PER_MONTH, "d").times(billedRecord));
        kinesisOutGbPerMonth = add("kinesis_out_gb_per_month", "Kinesis on-demand data retrieved per month", "GB",
                inSizeUnit(kinesisInGbPerMonth, "GB").times(of(consumerGroups(), "consumer groups")));
    }

    /** Jobs reading the log: the landing job, and the real-time job of a streaming design. */
    private double consumerGroups() {
        return (log ? 1 : 0) + (r.streaming() ? 1 : 0);
    }

    private void spark() {
        boolean kappa = d.is(Knob.PIPELINE, Pipeline.KAPPA);
        Formula passes = kappa ? of(KAPPA_SPARK_PASSES, "passes").note("Kappa: compaction and backfill only") : of(SPARK_PASSES, "passes");
        Formula rate = of(cal.sparkRowsPerSecondPerCore().value(), "rows/s per core");
        Formula hour = of(SECONDS_PER_HOUR, "s/h");
        batchRunsPerDay = r.velocity().batchRunsPerDay();
        Formula runs = of(batchRunsPerDay, "runs/day");
        Formula window = of(r.velocity().batchWindowHours(), "h window");
        sparkRowsPerDay = add("spark_rows_per_day", "Spark rows processed per day", "rows", of(eventsPerDay, "events/day").times(passes));
        Formula rows = of(sparkRowsPerDay, "rows/day");
        sparkCoreHoursPerDay = add("spark_core_hours_per_day", "Spark core-hours per day", "core-hours", rows.over(rate).over(hour));
        sparkCores = add("spark_cores", "Spark cores to finish each run in the window", "cores",
                ceil(rows.over(runs).over(rate.times(window).times(hour))));
        if (d.is(Knob.BATCH_COMPUTE, BatchCompute.EMR)) {
            emr(window.plus(of(EMR_STARTUP_S, "s start-up").over(hour)).times(runs));
        }
    }

    /** Nodes and billed hours of EMR on EC2; {@code perRunHours} is a per-run cluster's day: window and start-up, each run. */
    private void emr(Formula perRunHours) {
        Formula nodeVcpu = of(NODE_VCPU, "vCPU per node");
        Formula needed = ceil(of(sparkCores, "cores").over(nodeVcpu));
        OptionalDouble statedNodes = r.deployment().map(Requirements.Deployment::emrNodes).orElse(OptionalDouble.empty());
        if (statedNodes.isPresent()) {
            add("emr_nodes_for_the_work", "EMR worker nodes the work needs", "nodes", needed);
        }
        emrNodes = add("emr_nodes", "EMR worker nodes (16 vCPU each)", "nodes",
                statedNodes.isPresent() ? of(statedNodes.getAsDouble(), "nodes").note("current_state.emr") : needed);
        add("spark_executors", "Spark executors (4 cores each)", "executors",
                of(emrNodes, "nodes").times(nodeVcpu).over(of(EXECUTOR_CORES, "cores per executor")));
        OptionalDouble statedBusy = r.deployment().map(Requirements.Deployment::busyHoursPerDay).orElse(OptionalDouble.empty());
        Formula hours = d.is(Knob.CLUSTER, Cluster.ALWAYS_ON) ? of(24, "h").note("always on")
                : statedBusy.isPresent() ? of(statedBusy.getAsDouble(), "h busy a day").note("current_state.emr") : perRunHours;
        emrWorkerHoursPerDay = add("emr_worker_hours_per_day", "EMR worker instance-hours per day", "instance-hours",
                of(emrNodes, "nodes").times(hours));
        emrPrimaryHoursPerDay = add("emr_primary_hours_per_day", "EMR primary node hours per day", "instance-hours", hours);
    }

    /** Bytes a day per layer and what each layer keeps, by storage class. */
    private void layers() {
        Requirements.Volume v = r.volume();
        boolean bronzeZstd = d.is(Knob.BRONZE_COMPRESSION, Codec.ZSTD);
        bronzeBytesPerDay = add("bronze_bytes_per_day", "Bronze bytes/day (raw payload)", "bytes",
                perDay().times(of(bronzeZstd ? v.compression().bronze() : 1.0, "").note(bronzeZstd ? "zstd" : "uncompressed")));
        silverBytesPerDay = add("silver_bytes_per_day", "Silver bytes/day", "bytes", perDay().times(parquet
                ? of(v.compression().parquet(), "").note("Parquet + zstd") : of(JSON_RATIO, "").note("uncompressed JSON")));
        goldBytesPerDay = add("gold_bytes_per_day", "Gold bytes/day", "bytes",
                perDay(silverBytesPerDay).times(of(GOLD_FRACTION, "").note("Gold's share of Silver")));
        Requirements.Retention ret = v.retention();
        boolean tiers = d.on(Knob.LIFECYCLE_TIERS);
        double bronzeGb = storedGb("bronze", bronzeBytesPerDay, ret.bronzeDays());
        double silverGb = storedGb("silver", silverBytesPerDay, ret.silverDays());
        double goldGb = storedGb("gold", goldBytesPerDay, ret.goldDays());
        bronzeStandardGb = tiers ? bronzeGb * hotShare(ret.bronzeDays()) : bronzeGb;
        bronzeColdGb = bronzeGb - bronzeStandardGb;
        silverStandardGb = eltInRedshift ? 0 : tiers ? silverGb * hotShare(ret.silverDays()) : silverGb;
        silverColdGb = eltInRedshift ? 0 : silverGb - silverStandardGb;
        goldStandardGb = eltInRedshift ? 0 : goldGb;
        if (tiers) {
            add("lifecycle_split", "Lifecycle: days kept in S3 Standard before colder tiers", "days", of(HOT_DAYS, "d")
                    .note("then Bronze to Glacier Instant Retrieval and Silver to Standard-IA; Gold stays in Standard"));
        }
        boolean silverInRedshift = eltInRedshift || d.is(Knob.WAREHOUSE, Warehouse.REDSHIFT);
        boolean goldInRedshift = silverInRedshift || d.is(Knob.WAREHOUSE, Warehouse.BOTH);
        Formula gold = inSizeUnit(goldGb, "GB Gold");
        Formula held = silverInRedshift ? inSizeUnit(silverGb, "GB Silver").plus(gold) : gold;
        if (goldInRedshift) {
            redshiftStorageGb = add("redshift_storage_gb", "Redshift managed storage", "GB", held);
        }
        if (eltInRedshift) {
            redshiftEltNodes = add("redshift_elt_nodes", "Redshift ra3.4xlarge nodes for ELT in the window (and the data they hold)", "nodes",
                    max(of(MIN_REDSHIFT_NODES, "minimum"), ceil(of(sparkCores, "cores").over(of(REDSHIFT_NODE_VCPU, "vCPU per node"))),
                            redshiftNodesForData()).note("provisioned around the clock"));
        }
    }

    private Formula redshiftNodesForData() {
        return ceil(inSizeUnit(redshiftStorageGb, "GB").over(inSizeUnit(REDSHIFT_NODE_STORAGE_GB, "GB managed storage per node")));
    }

    /** Files landed, written and compacted a day, the commits and snapshots they make, and the S3 PUTs. */
    private void landing() {
        Requirements.Velocity vel = r.velocity();
        Requirements.Retention ret = r.volume().retention();
        landingIntervalSeconds = vel.microBatchSeconds().orElse(log ? CHECKPOINT_S : AGENT_FLUSH_S);
        landingWriters = vel.writerParallelism().orElse(log ? flinkLandingParallelism : r.volume().sources());
        Formula writers = vel.writerParallelism().isPresent() ? of(landingWriters, "writers")
                : log ? of(landingWriters, "writers").note("landing parallelism") : of(landingWriters, "sources");
        Formula interval = of(landingIntervalSeconds, log ? "s micro-batch" : "s flush");
        if (vel.microBatchSeconds().isEmpty()) {
            interval = interval.note("default");
        }
        Formula byInterval = writers.times(secondsPerDay()).over(interval);
        Formula bronze = perDay(bronzeBytesPerDay);
        Formula target = Formula.bytes(TARGET_FILE_BYTES, " target file");
        landingFilesPerDay = add("landing_files_per_day", "Bronze files landed per day", "files",
                log ? byInterval : max(byInterval, bronze.over(Formula.bytes(AGENT_MAX_FILE_BYTES, " per file"))));
        avgLandingFileBytes = add("landing_file_bytes_avg", "Average landed file size", "bytes",
                bronze.over(of(landingFilesPerDay, "files/day")));
        Formula runs = of(batchRunsPerDay, "runs/day");
        silverFilesPerDay = add("silver_files_per_day", "Silver files per day", "files", compaction ? ceil(perDay(silverBytesPerDay).over(target))
                : of(landingFilesPerDay, "files/day").note("one output file per input file: no compaction"));
        goldFilesPerDay = add("gold_files_per_day", "Gold files per day", "files", compaction ? max(runs, ceil(perDay(goldBytesPerDay).over(target)))
                : runs.times(SHUFFLE_PARTITIONS, "shuffle partitions"));
        Formula compacted = compaction ? ceil(bronze.over(target)).note("compacted") : of(0, "compacted").note("no compaction");
        compactedFilesPerDay = compacted.value();
        boolean hive = d.is(Knob.TABLE_FORMAT, TableFormat.HIVE);
        Formula landingCommits = log ? secondsPerDay().over(of(landingIntervalSeconds, "s")) : runs;
        Formula dataCommits = landingCommits.plus(runs.times(TABLES_PER_RUN, "tables"));
        commitsPerDay = add("table_commits_per_day", "Table commits per day", "commits",
                compaction ? dataCommits.plus(of(MAINTENANCE_COMMITS_PER_DAY, "maintenance")) : dataCommits);
        if (!hive) {
            snapshotsRetained = add("snapshots_retained", "Snapshots kept in table metadata", "snapshots", dataCommits.times(compaction
                    ? of(SNAPSHOT_EXPIRY_DAYS, "d").note("expire_snapshots runs") : of(ret.bronzeDays(), "d retention").note("nothing expires them")));
        }
        filesPerSparkRun = add("files_per_spark_run", "Input files planned per Spark run", "files",
                of(landingFilesPerDay, "files/day").over(runs));
        Formula metadata = hive ? of(0, "metadata").note("Hive tables keep none")
                : of(commitsPerDay, "commits").times(METADATA_FILES_PER_COMMIT, "metadata files");
        putRequestsPerDay = add("s3_put_per_day", "S3 PUT requests per day", "requests",
                of(landingFilesPerDay, "landed").plus(silverAndGoldS3Files()).plus(compacted).plus(metadata));
    }

    private Formula silverAndGoldS3Files() {
        return eltInRedshift ? of(0, "Silver and Gold files").note("in Redshift")
                : of(silverFilesPerDay, "Silver").plus(of(goldFilesPerDay, "Gold files"));
    }

    /** Bytes and files each analyst or dashboard query reads, Athena's scans, S3 GETs and catalog calls. */
    private void queries() {
        Requirements.Retention ret = r.volume().retention();
        Requirements.Usage u = r.usage();
        boolean partitioned = d.on(Knob.PARTITIONED);
        Formula window = of(u.queryWindowDays(), "d query window");
        Formula sqlDays = partitioned ? min(window, of(ret.silverDays(), "d retention")).note("partition pruning")
                : of(ret.silverDays(), "d").note("no partitions: whole table");
        Formula goldDays = partitioned ? min(window, of(ret.goldDays(), "d retention")) : of(ret.goldDays(), "d");
        Formula columns = parquet ? of(COLUMNS_READ_FRACTION, "").note("columns read") : of(1.0, "").note("JSON: every column");
        Formula skipping = compaction && parquet ? of(SORTED_READ_FRACTION, "").note("sorted files: min/max skipping")
                : of(1.0, "").note("no sorted layout: no file skipping");
        sqlBytesPerQuery = add("sql_bytes_per_query", "Bytes scanned per analyst query", "bytes",
                perDay(silverBytesPerDay).times(sqlDays).times(columns).times(skipping));
        dashboardBytesPerQuery = add("dashboard_bytes_per_query", "Bytes scanned per dashboard query", "bytes",
                perDay(goldBytesPerDay).times(goldDays).times(columns));
        filesPerSqlQuery = add("files_per_sql_query", "Files opened per analyst query", "files",
                ceil(of(silverFilesPerDay, "files/day").times(sqlDays).times(skipping)));
        Formula sql = of(d.is(Knob.WAREHOUSE, Warehouse.REDSHIFT) ? 0 : u.sqlQueriesPerDay(), "SQL queries/day");
        boolean dashboardsOnAthena = d.is(Knob.WAREHOUSE, Warehouse.ATHENA) && d.is(Knob.DASHBOARDS, DashboardStore.WAREHOUSE);
        Formula dashboards = of(dashboardsOnAthena ? u.dashboardQueriesPerDay() : 0, "dashboard queries/day");
        Formula minimum = Formula.bytes(ATHENA_MIN_BYTES_PER_QUERY, " minimum");
        athenaTbPerMonth = add("athena_tb_per_month", "Athena TB scanned per month", "TB", of(Quantities.DAYS_PER_MONTH, "d").times(
                sql.times(max(minimum, Formula.bytes(sqlBytesPerQuery, " scanned")))
                        .plus(dashboards.times(max(minimum, Formula.bytes(dashboardBytesPerQuery, " scanned"))))));
        Formula landedReads = compaction ? of(2, "").note("read by Spark and by compaction") : of(1, "").note("read by Spark");
        getRequestsPerDay = add("s3_get_per_day", "S3 GET requests per day", "requests", of(landingFilesPerDay, "landed").times(landedReads)
                .plus(silverAndGoldS3Files()).plus(sql.times(filesPerSqlQuery, "files"))
                .plus(dashboards.times(of(goldFilesPerDay, "Gold files/day").times(goldDays))));
        if (u.dashboardQueriesPerDay() > 0) {
            dashboardStore(goldDays);
        }
    }

    /** Dashboards answered by a store of their own: a real-time OLAP cluster, or tiles pre-aggregated into DynamoDB. */
    private void dashboardStore(Formula goldDays) {
        Formula queries = of(r.usage().dashboardQueriesPerDay(), "dashboard queries/day");
        if (d.is(Knob.DASHBOARDS, DashboardStore.REALTIME_OLAP)) {
            olapGb = add("olap_gb", "Real-time OLAP segments held (Gold in the query window, replicated)", "GB",
                    perDay(goldBytesPerDay).times(goldDays).times(OLAP_REPLICAS, "replicas"));
            Formula perSecond = queries.over(of(Thresholds.BUSY_HOURS_PER_DAY, "busy h/day")).over(of(SECONDS_PER_HOUR, "s/h"));
            olapNodes = add("olap_nodes", "Real-time OLAP servers (r7g.2xlarge)", "nodes", max(of(MIN_OLAP_NODES, "minimum"),
                    ceil(inSizeUnit(olapGb, "GB").over(inSizeUnit(OLAP_NODE_GB, "GB per node"))),
                    ceil(perSecond.over(of(OLAP_QUERIES_PER_S_PER_NODE, "queries/s per node")))));
        }
        if (d.is(Knob.DASHBOARDS, DashboardStore.KEY_VALUE)) {
            Formula refreshes = r.streaming() ? secondsPerDay().over(of(landingIntervalSeconds, "s refresh")) : of(batchRunsPerDay, "runs/day");
            dashboardKvWritesPerDay = add("dashboard_kv_writes_per_day", "Pre-aggregated tile writes per day", "writes",
                    of(DASHBOARD_TILES, "tiles").times(refreshes));
            dashboardKvReadsPerDay = add("dashboard_kv_reads_per_day", "Pre-aggregated tile reads per day", "reads",
                    queries.note("a read per tile shown"));
        }
    }

    private void warehouse() {
        if (d.is(Knob.WAREHOUSE, Warehouse.BOTH) || (d.is(Knob.WAREHOUSE, Warehouse.REDSHIFT) && !eltInRedshift)) {
            redshiftServingNodes = add("redshift_nodes", "Redshift ra3.4xlarge nodes serving SQL", "nodes",
                    max(of(MIN_REDSHIFT_NODES, "minimum"), redshiftNodesForData()));
        }
    }

    private void serving() {
        if (d.is(Knob.SERVING, Serving.NONE)) {
            return;
        }
        servingReadsPerSecond = r.usage().pointLookupsPerSecond();
        servingWritesPerSecond = add("serving_writes_per_s", "Serving store writes/s", "writes/s", r.streaming()
                ? of(avgEventsPerSecond, "events/s").note("one upsert per event")
                : perDay(goldBytesPerDay).over(Formula.bytes(r.volume().eventBytes(), " per item")).over(secondsPerDay()));
        servingGb = add("serving_gb", "Serving store data", "GB",
                perDay(goldBytesPerDay).times(of(r.usage().servingWindowDays(), "d online").note("users.serving_window")));
        Formula ops = of(servingReadsPerSecond, "reads/s").plus(of(servingWritesPerSecond, "writes/s"));
        if (d.is(Knob.SERVING, Serving.ELASTICACHE)) {
            servingNodes = add("elasticache_nodes", "ElastiCache nodes (primary + replica per shard)", "nodes",
                    of(NODES_PER_CACHE_SHARD, "nodes per shard").times(max(of(1, "shard"), ceil(ops.over(of(REDIS_OPS_PER_NODE, "ops/s per node"))),
                            ceil(inSizeUnit(servingGb, "GB").over(inSizeUnit(REDIS_NODE_GB, "GB per node"))))));
        }
        if (d.is(Knob.SERVING, Serving.OPENSEARCH)) {
            servingNodes = add("opensearch_nodes", "OpenSearch data nodes", "nodes",
                    max(of(MIN_OPENSEARCH_NODES, "minimum"), ceil(ops.over(of(OPENSEARCH_OPS_PER_NODE, "ops/s per node")))));
        }
    }

    /** S3 bytes moved by compute, what of it crosses a NAT gateway, and Kafka client bytes crossing AZs. */
    private void network() {
        Formula bronze = Formula.bytes(bronzeBytesPerDay, "/day Bronze");
        Formula silver = Formula.bytes(silverBytesPerDay, "/day Silver");
        Formula moved = eltInRedshift ? bronze.note("landed; Redshift COPY does not cross your VPC")
                : bronze.times(of(BRONZE_S3_PASSES, "").note("land, read")).plus(silver.times(of(SILVER_S3_PASSES, "").note("write, Gold pass")))
                .plus(Formula.bytes(goldBytesPerDay, "/day Gold"));
        if (compaction && !eltInRedshift) {
            moved = moved.plus(of(COMPACTION_S3_PASSES, "").note("compaction reads and rewrites").times(bronze.plus(silver)));
        }
        s3TrafficGbPerDay = add("s3_traffic_gb_per_day", "S3 bytes moved by compute per day", "GB", moved);
        if (d.is(Knob.S3_ACCESS, Knob.S3Access.NAT_GATEWAY)) {
            natGbPerDay = add("nat_gb_per_day", "GB through the NAT gateway per day", "GB",
                    inSizeUnit(s3TrafficGbPerDay, "GB").note("all S3 traffic: no S3 gateway endpoint"));
        }
        if (d.get(Knob.INGESTION).kafka()) {
            double consumers = consumerGroups();
            Formula produce = of(1, "produce");
            Formula crossings = d.on(Knob.FETCH_FROM_FOLLOWER) ? produce.note("consumers fetch from their AZ's replica")
                    : produce.plus(of(consumers, "consumer groups"));
            crossAzGbPerDay = add("cross_az_gb_per_day", "Kafka client bytes crossing AZs per day", "GB",
                    perDay().times(logRatio).times(of(CROSS_AZ_SHARE, "").note("leader in another AZ")).times(crossings));
        }
    }

    private double storedGb(String layer, double bytesPerDay, double days) {
        return add(layer + "_stored_gb", capitalized(layer) + " stored (steady state)", "GB", perDay(bytesPerDay).times(days, "d retention"));
    }

    private static double hotShare(double days) {
        return days <= 0 ? 1 : Math.min(days, HOT_DAYS) / days;
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private double add(String id, String label, String unit, Formula formula) {
        Estimate e = new Estimate(id, label, unit, formula);
        estimates.add(e);
        return e.value();
    }

    public List<Estimate> estimates() {
        return List.copyOf(estimates);
    }

    public double value(String id) {
        return estimates.stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no estimate " + id)).value();
    }
}
