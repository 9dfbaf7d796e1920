package io.alluvium.architect;

import static io.alluvium.architect.Quantities.MB;
import static io.alluvium.architect.Quantities.SECONDS_PER_DAY;
import static io.alluvium.architect.Quantities.number;
import static io.alluvium.architect.Quantities.size;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Capacity as arithmetic the reader can check: rates, partitions and brokers, Flink slots, Spark cores
 * for the batch window, bytes per layer after compression, objects and requests per day, bytes scanned
 * per query, serving operations and network bytes. Exists so that cost, bottlenecks and optimizations
 * all start from the same numbers, each printed with its formula.
 */
public final class CapacityPlan {
    /** Partitions, shards and slots are sized for peak x this: room for a catch-up after an outage. */
    static final double HEADROOM = 1.5;
    static final int REPLICATION = 3;
    static final int MIN_PARTITIONS = 6;
    /** Produce + replica ingress one kafka.m7g/m5.xlarge broker sustains (planning figure, MSK right-sizing guidance). */
    static final double BROKER_MB_PER_S = 50;
    /** MSK's recommended maximum partitions (replicas included) per xlarge broker. */
    static final double PARTITIONS_PER_BROKER = 1000;
    static final double KINESIS_SHARD_MB_PER_S = 1;
    static final double KINESIS_SHARD_RECORDS_PER_S = 1000;
    static final double KINESIS_PUT_UNIT_BYTES = 25_000;
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
    /** Snapshots are expired after this many days when maintenance runs. */
    static final double SNAPSHOT_EXPIRY_DAYS = 5;
    /** The serving store holds the current day of Gold (features, aggregates) online unless users.serving_window says otherwise. */
    static final double SERVING_DAYS = 1;
    static final double REDIS_OPS_PER_NODE = 100_000;
    static final double REDIS_NODE_GB = 13.07;
    static final double OPENSEARCH_OPS_PER_NODE = 5_000;
    static final int MIN_OPENSEARCH_NODES = 3;
    /** With three AZs, two thirds of client traffic reaches a leader in another AZ. */
    static final double CROSS_AZ_SHARE = 2.0 / 3;
    static final double SERVERLESS_GB_PER_VCPU = 4;
    static final double FLINK_STORAGE_GB_PER_KPU = 50;
    static final double TRANSITIONS_PER_RUN = 25;
    static final double CATALOG_CALLS_PER_QUERY = 5;

    private final List<Estimate> estimates = new ArrayList<>();

    final double eventsPerDay;
    final double avgEventsPerSecond;
    final double peakEventsPerSecond;
    final double avgMbPerSecond;
    final double peakMbPerSecond;
    double partitions;
    double brokers;
    double mskStorageGb;
    double kinesisShards;
    double kinesisPutUnitsPerMonth;
    double flinkLandingParallelism;
    double flinkRealtimeParallelism;
    double flinkKpus;
    final double sparkRowsPerDay;
    final double sparkCoreHoursPerDay;
    final double sparkCores;
    double emrNodes;
    double emrWorkerHoursPerDay;
    double emrPrimaryHoursPerDay;
    double redshiftEltNodes;
    double redshiftServingNodes;
    final double bronzeBytesPerDay;
    final double silverBytesPerDay;
    final double goldBytesPerDay;
    final double bronzeStandardGb;
    final double bronzeColdGb;
    final double silverStandardGb;
    final double silverColdGb;
    final double goldStandardGb;
    final double redshiftStorageGb;
    /** Seconds between landing commits (micro-batch) or agent flushes, and the writers that each land a file per interval. */
    final double landingIntervalSeconds;
    final double landingWriters;
    final double landingFilesPerDay;
    final double avgLandingFileBytes;
    final double silverFilesPerDay;
    final double goldFilesPerDay;
    final double compactedFilesPerDay;
    final double commitsPerDay;
    final double snapshotsRetained;
    final double filesPerSparkRun;
    final double putRequestsPerDay;
    final double getRequestsPerDay;
    final double sqlBytesPerQuery;
    final double dashboardBytesPerQuery;
    final double filesPerSqlQuery;
    final double athenaTbPerMonth;
    final double servingReadsPerSecond;
    final double servingWritesPerSecond;
    final double servingGb;
    double servingNodes;
    final double s3TrafficGbPerDay;
    final double natGbPerDay;
    final double crossAzGbPerDay;
    final double batchRunsPerDay;
    final double catalogRequestsPerMonth;

    CapacityPlan(Requirements r, Decisions d, Calibration cal) {
        Requirements.Volume v = r.volume();
        String perDay = size(v.bytesPerDay()) + "/day";
        eventsPerDay = v.eventsPerDay();
        avgEventsPerSecond = add("events_per_s_avg", "Events/s, average", v.avgEventsPerSecond(), "events/s",
                perDay + " / " + size(v.eventBytes()) + " / 86,400 s");
        peakEventsPerSecond = add("events_per_s_peak", "Events/s, peak", v.peakEventsPerSecond(), "events/s",
                number(avgEventsPerSecond) + " x peak factor " + number(v.peakFactor()));
        avgMbPerSecond = add("ingest_mb_per_s_avg", "Ingest MB/s, average", v.avgMbPerSecond(), "MB/s", perDay + " / 86,400 s");
        peakMbPerSecond = add("ingest_mb_per_s_peak", "Ingest MB/s, peak", v.peakMbPerSecond(), "MB/s",
                number(avgMbPerSecond) + " x " + number(v.peakFactor()));

        boolean log = !d.is(Knob.INGESTION, "s3_direct");
        if (log) {
            flinkLandingParallelism = add("flink_landing_parallelism", "Flink landing job parallelism",
                    Math.ceil(peakEventsPerSecond * HEADROOM / cal.flinkRowsPerSecondPerSlot().value()), "slots",
                    "ceil(" + number(peakEventsPerSecond) + " peak events/s x headroom " + HEADROOM + " / "
                            + number(cal.flinkRowsPerSecondPerSlot().value()) + " rows/s per slot)");
        }
        boolean producerZstd = d.is(Knob.PRODUCER_COMPRESSION, "zstd");
        double logRatio = producerZstd ? v.compression().producer() : 1.0;
        String producerCodec = number(logRatio) + (producerZstd ? " (producer zstd)" : " (uncompressed batches)");
        if (d.is(Knob.INGESTION, "msk")) {
            double byMb = Math.ceil(peakMbPerSecond * HEADROOM / cal.kafkaPartitionMbPerSecond().value());
            partitions = add("kafka_partitions", "Kafka partitions (MSK)",
                    roundUp(Math.max(Math.max(byMb, flinkLandingParallelism), MIN_PARTITIONS), 3), "partitions",
                    "round up to 3 of max(ceil(" + number(peakMbPerSecond) + " MB/s x " + HEADROOM + " / "
                            + number(cal.kafkaPartitionMbPerSecond().value()) + " MB/s per partition) = " + number(byMb)
                            + ", Flink parallelism " + number(flinkLandingParallelism) + ", minimum " + MIN_PARTITIONS + ")");
            double byThroughput = Math.ceil(peakMbPerSecond * REPLICATION / BROKER_MB_PER_S);
            double byPartitions = Math.ceil(partitions * REPLICATION / PARTITIONS_PER_BROKER);
            brokers = add("msk_brokers", "MSK brokers (kafka.*.xlarge, 3 AZs)",
                    roundUp(Math.max(Math.max(byThroughput, byPartitions), 3), 3), "brokers",
                    "round up to 3 of max(ceil(" + number(peakMbPerSecond) + " MB/s x RF " + REPLICATION + " / " + number(BROKER_MB_PER_S)
                            + " MB/s per broker) = " + number(byThroughput) + ", ceil(" + number(partitions) + " x " + REPLICATION
                            + " / " + number(PARTITIONS_PER_BROKER) + " partitions per broker) = " + number(byPartitions) + ", 3)");
            mskStorageGb = add("msk_storage_gb", "MSK storage",
                    avgMbPerSecond * logRatio * SECONDS_PER_DAY * v.retention().logDays() * REPLICATION / 1000, "GB",
                    number(avgMbPerSecond) + " MB/s x " + producerCodec + " x 86,400 s x " + number(v.retention().logDays())
                            + " d log retention x RF " + REPLICATION + " / 1,000");
        }
        if (d.is(Knob.INGESTION, "kinesis")) {
            kinesisShards = add("kinesis_shards", "Kinesis shards", Math.ceil(Math.max(peakMbPerSecond / KINESIS_SHARD_MB_PER_S,
                    peakEventsPerSecond / KINESIS_SHARD_RECORDS_PER_S) * HEADROOM), "shards",
                    "ceil(max(" + number(peakMbPerSecond) + " MB/s / 1 MB/s, " + number(peakEventsPerSecond)
                            + " records/s / 1,000) x " + HEADROOM + ")");
            double unitsPerEvent = Math.ceil(v.eventBytes() / KINESIS_PUT_UNIT_BYTES);
            kinesisPutUnitsPerMonth = add("kinesis_put_units_per_month", "Kinesis PUT payload units per month",
                    eventsPerDay * Quantities.DAYS_PER_MONTH * unitsPerEvent, "units",
                    number(eventsPerDay) + " events/day x 30 x " + number(unitsPerEvent) + " unit(s) of 25 KB");
        }
        if (r.streaming()) {
            flinkRealtimeParallelism = add("flink_realtime_parallelism", "Flink real-time job parallelism",
                    Math.ceil(peakEventsPerSecond * HEADROOM / cal.flinkRowsPerSecondPerSlot().value()), "slots",
                    "ceil(" + number(peakEventsPerSecond) + " x " + HEADROOM + " / " + number(cal.flinkRowsPerSecondPerSlot().value()) + ")");
        }
        if (log) {
            double apps = (flinkLandingParallelism > 0 ? 1 : 0) + (flinkRealtimeParallelism > 0 ? 1 : 0);
            flinkKpus = add("flink_kpus", "Managed Flink KPUs", flinkLandingParallelism + flinkRealtimeParallelism + apps, "KPU",
                    number(flinkLandingParallelism) + " + " + number(flinkRealtimeParallelism) + " (1 slot per KPU) + "
                            + number(apps) + " orchestration KPU per application");
        }

        boolean kappa = d.is(Knob.PIPELINE, "kappa");
        double passes = kappa ? KAPPA_SPARK_PASSES : SPARK_PASSES;
        double rate = cal.sparkRowsPerSecondPerCore().value();
        batchRunsPerDay = r.velocity().batchRunsPerDay();
        double windowH = r.velocity().batchWindowHours();
        sparkRowsPerDay = add("spark_rows_per_day", "Spark rows processed per day", eventsPerDay * passes, "rows",
                number(eventsPerDay) + " events/day x " + passes + " passes" + (kappa ? " (Kappa: compaction and backfill only)" : ""));
        sparkCoreHoursPerDay = add("spark_core_hours_per_day", "Spark core-hours per day", sparkRowsPerDay / rate / 3600,
                "core-hours", number(sparkRowsPerDay) + " / " + number(rate) + " rows/s per core / 3,600");
        sparkCores = add("spark_cores", "Spark cores to finish each run in the window",
                Math.ceil(sparkRowsPerDay / batchRunsPerDay / (rate * windowH * 3600)), "cores",
                "ceil(" + number(sparkRowsPerDay) + " / " + number(batchRunsPerDay) + " runs/day / (" + number(rate) + " x "
                        + number(windowH) + " h x 3,600))");
        boolean alwaysOn = d.is(Knob.CLUSTER, "always_on");
        if (d.is(Knob.BATCH_COMPUTE, "emr")) {
            double startupH = alwaysOn ? 0 : EMR_STARTUP_S / 3600;
            OptionalDouble statedBusy = r.deployment().map(Requirements.Deployment::busyHoursPerDay).orElse(OptionalDouble.empty());
            double busyHours = statedBusy.orElse((windowH + startupH) * batchRunsPerDay);
            String perRun = alwaysOn ? "24 h (always on)" : statedBusy.isPresent() ? number(busyHours) + " h busy a day (current_state.emr)"
                    : "(" + number(windowH) + " h + " + Quantities.duration(EMR_STARTUP_S) + " start-up) x " + number(batchRunsPerDay) + " runs";
            double needed = Math.ceil(sparkCores / NODE_VCPU);
            OptionalDouble statedNodes = r.deployment().map(Requirements.Deployment::emrNodes).orElse(OptionalDouble.empty());
            emrNodes = add("emr_nodes", "EMR worker nodes (16 vCPU each)", statedNodes.orElse(needed), "nodes",
                    (statedNodes.isPresent() ? "current_state.emr; the work needs " : "") + "ceil(" + number(sparkCores) + " cores / "
                            + number(NODE_VCPU) + ")" + (statedNodes.isPresent() ? " = " + number(needed) : ""));
            add("spark_executors", "Spark executors (4 cores each)", emrNodes * NODE_VCPU / EXECUTOR_CORES, "executors",
                    number(emrNodes) + " nodes x " + number(NODE_VCPU / EXECUTOR_CORES) + " per node");
            emrWorkerHoursPerDay = add("emr_worker_hours_per_day", "EMR worker instance-hours per day",
                    emrNodes * (alwaysOn ? 24 : busyHours), "instance-hours", number(emrNodes) + " nodes x " + perRun);
            emrPrimaryHoursPerDay = add("emr_primary_hours_per_day", "EMR primary node hours per day", alwaysOn ? 24 : busyHours,
                    "instance-hours", perRun);
        }

        boolean bronzeZstd = d.is(Knob.BRONZE_COMPRESSION, "zstd");
        double bronzeRatio = bronzeZstd ? v.compression().bronze() : 1.0;
        bronzeBytesPerDay = add("bronze_bytes_per_day", "Bronze bytes/day (raw payload)", v.bytesPerDay() * bronzeRatio, "bytes",
                perDay + " x " + number(bronzeRatio) + (bronzeZstd ? " (zstd)" : " (uncompressed)"));
        boolean parquet = d.is(Knob.CURATED_FORMAT, "parquet");
        double curated = parquet ? v.compression().parquet() : JSON_RATIO;
        silverBytesPerDay = add("silver_bytes_per_day", "Silver bytes/day", v.bytesPerDay() * curated, "bytes",
                perDay + " x " + number(curated) + (parquet ? " (Parquet + zstd)" : " (uncompressed JSON)"));
        goldBytesPerDay = add("gold_bytes_per_day", "Gold bytes/day", silverBytesPerDay * GOLD_FRACTION, "bytes",
                size(silverBytesPerDay) + " x " + GOLD_FRACTION);
        Requirements.Retention ret = v.retention();
        boolean tiers = d.on(Knob.LIFECYCLE_TIERS);
        boolean eltInRedshift = d.is(Knob.BATCH_COMPUTE, "redshift");
        double bronzeGb = storedGb("bronze", bronzeBytesPerDay, ret.bronzeDays());
        double silverGb = storedGb("silver", silverBytesPerDay, ret.silverDays());
        double goldGb = storedGb("gold", goldBytesPerDay, ret.goldDays());
        bronzeStandardGb = tiers ? bronzeGb * hotShare(ret.bronzeDays()) : bronzeGb;
        bronzeColdGb = bronzeGb - bronzeStandardGb;
        silverStandardGb = eltInRedshift ? 0 : tiers ? silverGb * hotShare(ret.silverDays()) : silverGb;
        silverColdGb = eltInRedshift ? 0 : silverGb - silverStandardGb;
        goldStandardGb = eltInRedshift ? 0 : goldGb;
        if (tiers) {
            add("lifecycle_split", "Lifecycle: days kept in S3 Standard before colder tiers", HOT_DAYS, "days",
                    "Bronze -> Glacier Instant Retrieval and Silver -> Standard-IA after " + number(HOT_DAYS) + " d; Gold stays in Standard");
        }
        boolean silverInRedshift = eltInRedshift || d.is(Knob.WAREHOUSE, "redshift");
        boolean goldInRedshift = silverInRedshift || d.is(Knob.WAREHOUSE, "both");
        redshiftStorageGb = (silverInRedshift ? silverGb : 0) + (goldInRedshift ? goldGb : 0);
        if (redshiftStorageGb > 0) {
            add("redshift_storage_gb", "Redshift managed storage", redshiftStorageGb, "GB",
                    (silverInRedshift ? "Silver " + number(silverGb) + " GB + " : "") + "Gold " + number(goldGb) + " GB");
        }
        if (eltInRedshift) {
            redshiftEltNodes = add("redshift_elt_nodes", "Redshift ra3.4xlarge nodes for ELT in the window (and the data they hold)",
                    Math.max(MIN_REDSHIFT_NODES, Math.max(Math.ceil(sparkCores / REDSHIFT_NODE_VCPU), Math.ceil(redshiftStorageGb / REDSHIFT_NODE_STORAGE_GB))),
                    "nodes", "max(" + MIN_REDSHIFT_NODES + ", ceil(" + number(sparkCores) + " cores / " + number(REDSHIFT_NODE_VCPU)
                            + " vCPU per node), ceil(" + number(redshiftStorageGb) + " GB / " + number(REDSHIFT_NODE_STORAGE_GB)
                            + " GB managed storage per node)), provisioned 24 h");
        }

        boolean compaction = d.on(Knob.COMPACTION);
        Requirements.Velocity vel = r.velocity();
        landingIntervalSeconds = vel.microBatchSeconds().orElse(log ? CHECKPOINT_S : AGENT_FLUSH_S);
        landingWriters = vel.writerParallelism().orElse(log ? flinkLandingParallelism : v.sources());
        String writers = number(landingWriters) + (vel.writerParallelism().isPresent() ? " writers" : log ? " writers (landing parallelism)" : " sources");
        String interval = number(landingIntervalSeconds) + " s " + (log ? "micro-batch" : "flush")
                + (vel.microBatchSeconds().isPresent() ? "" : " (default)");
        if (log) {
            landingFilesPerDay = add("landing_files_per_day", "Bronze files landed per day", landingWriters * SECONDS_PER_DAY / landingIntervalSeconds,
                    "files", writers + " x 86,400 s / " + interval);
        } else {
            landingFilesPerDay = add("landing_files_per_day", "Bronze files landed per day",
                    Math.max(landingWriters * SECONDS_PER_DAY / landingIntervalSeconds, bronzeBytesPerDay / AGENT_MAX_FILE_BYTES), "files",
                    "max(" + writers + " x 86,400 s / " + interval + ", " + size(bronzeBytesPerDay)
                            + " / " + size(AGENT_MAX_FILE_BYTES) + " per file)");
        }
        avgLandingFileBytes = add("landing_file_bytes_avg", "Average landed file size", bronzeBytesPerDay / landingFilesPerDay, "bytes",
                size(bronzeBytesPerDay) + " / " + number(landingFilesPerDay) + " files");
        silverFilesPerDay = add("silver_files_per_day", "Silver files per day", compaction ? Math.ceil(silverBytesPerDay / TARGET_FILE_BYTES)
                        : landingFilesPerDay, "files",
                compaction ? "ceil(" + size(silverBytesPerDay) + " / " + size(TARGET_FILE_BYTES) + " target file)"
                        : "one output file per input file (no compaction)");
        goldFilesPerDay = add("gold_files_per_day", "Gold files per day", compaction
                        ? Math.max(batchRunsPerDay, Math.ceil(goldBytesPerDay / TARGET_FILE_BYTES))
                        : batchRunsPerDay * SHUFFLE_PARTITIONS, "files",
                compaction ? "max(" + number(batchRunsPerDay) + " runs, ceil(" + size(goldBytesPerDay) + " / " + size(TARGET_FILE_BYTES) + "))"
                        : number(batchRunsPerDay) + " runs x " + number(SHUFFLE_PARTITIONS) + " shuffle partitions");
        compactedFilesPerDay = compaction ? Math.ceil(bronzeBytesPerDay / TARGET_FILE_BYTES) : 0;
        boolean hive = d.is(Knob.TABLE_FORMAT, "hive");
        double landingCommits = log ? SECONDS_PER_DAY / landingIntervalSeconds : batchRunsPerDay;
        commitsPerDay = add("table_commits_per_day", "Table commits per day", landingCommits + batchRunsPerDay * 2 + (compaction ? 3 : 0),
                "commits", number(landingCommits) + " landing + " + number(batchRunsPerDay) + " runs x 2 tables"
                        + (compaction ? " + 3 maintenance" : ""));
        snapshotsRetained = hive ? 0 : add("snapshots_retained", "Snapshots kept in table metadata",
                (landingCommits + batchRunsPerDay * 2) * (compaction ? SNAPSHOT_EXPIRY_DAYS : ret.bronzeDays()), "snapshots",
                compaction ? "commits/day x " + number(SNAPSHOT_EXPIRY_DAYS) + " d (expire_snapshots runs)"
                        : "commits/day x " + number(ret.bronzeDays()) + " d retention (nothing expires them)");
        filesPerSparkRun = add("files_per_spark_run", "Input files planned per Spark run", landingFilesPerDay / batchRunsPerDay,
                "files", number(landingFilesPerDay) + " / " + number(batchRunsPerDay) + " runs");
        double metadataObjects = hive ? 0 : commitsPerDay * METADATA_FILES_PER_COMMIT;
        double silverS3Files = eltInRedshift ? 0 : silverFilesPerDay + goldFilesPerDay;
        putRequestsPerDay = add("s3_put_per_day", "S3 PUT requests per day", landingFilesPerDay + silverS3Files + compactedFilesPerDay + metadataObjects,
                "requests", number(landingFilesPerDay) + " landed + " + number(silverS3Files) + " silver/gold + "
                        + number(compactedFilesPerDay) + " compacted + " + number(metadataObjects) + " metadata");

        boolean partitioned = d.on(Knob.PARTITIONED);
        double colFraction = parquet ? COLUMNS_READ_FRACTION : 1.0;
        double sqlDays = partitioned ? Math.min(r.usage().queryWindowDays(), ret.silverDays()) : ret.silverDays();
        double goldDays = partitioned ? Math.min(r.usage().queryWindowDays(), ret.goldDays()) : ret.goldDays();
        double skipping = compaction && parquet ? SORTED_READ_FRACTION : 1.0;
        sqlBytesPerQuery = add("sql_bytes_per_query", "Bytes scanned per analyst query", silverBytesPerDay * sqlDays * colFraction * skipping, "bytes",
                size(silverBytesPerDay) + "/day x " + number(sqlDays) + " d" + (partitioned ? " (partition pruning)" : " (no partitions: whole table)")
                        + " x " + colFraction + (parquet ? " (columns read)" : " (JSON: every column)")
                        + (skipping < 1 ? " x " + skipping + " (sorted files: min/max skipping)" : " (no sorted layout: no file skipping)"));
        dashboardBytesPerQuery = add("dashboard_bytes_per_query", "Bytes scanned per dashboard query", goldBytesPerDay * goldDays * colFraction,
                "bytes", size(goldBytesPerDay) + "/day x " + number(goldDays) + " d x " + colFraction);
        double silverFileBytes = silverBytesPerDay / silverFilesPerDay;
        filesPerSqlQuery = add("files_per_sql_query", "Files opened per analyst query", Math.ceil(silverFilesPerDay * sqlDays * skipping), "files",
                number(silverFilesPerDay) + " files/day x " + number(sqlDays) + " d x " + skipping + " (avg " + size(silverFileBytes) + " per file)");
        boolean sqlOnAthena = !d.is(Knob.WAREHOUSE, "redshift");
        boolean dashOnAthena = d.is(Knob.WAREHOUSE, "athena");
        double sqlQ = sqlOnAthena ? r.usage().sqlQueriesPerDay() : 0;
        double dashQ = dashOnAthena ? r.usage().dashboardQueriesPerDay() : 0;
        athenaTbPerMonth = add("athena_tb_per_month", "Athena TB scanned per month", Quantities.DAYS_PER_MONTH
                        * (sqlQ * Math.max(ATHENA_MIN_BYTES_PER_QUERY, sqlBytesPerQuery) + dashQ * Math.max(ATHENA_MIN_BYTES_PER_QUERY, dashboardBytesPerQuery))
                        / Quantities.TB, "TB",
                "30 x (" + number(sqlQ) + " SQL x " + size(Math.max(ATHENA_MIN_BYTES_PER_QUERY, sqlBytesPerQuery)) + " + " + number(dashQ)
                        + " dashboard x " + size(Math.max(ATHENA_MIN_BYTES_PER_QUERY, dashboardBytesPerQuery)) + ") per day, 10 MB minimum per query");
        double goldFileCount = goldFilesPerDay * goldDays;
        getRequestsPerDay = add("s3_get_per_day", "S3 GET requests per day",
                landingFilesPerDay * (compaction ? 2 : 1) + silverS3Files + sqlQ * filesPerSqlQuery + dashQ * goldFileCount, "requests",
                number(landingFilesPerDay) + " landed x " + (compaction ? "2 (Spark + compaction)" : "1 (Spark)") + " + " + number(silverS3Files)
                        + " silver/gold + " + number(sqlQ) + " SQL x " + number(filesPerSqlQuery) + " files + " + number(dashQ) + " dashboard x "
                        + number(goldFileCount) + " files");
        catalogRequestsPerMonth = (commitsPerDay + (r.usage().sqlQueriesPerDay() + r.usage().dashboardQueriesPerDay()) * CATALOG_CALLS_PER_QUERY)
                * Quantities.DAYS_PER_MONTH;

        if (d.is(Knob.WAREHOUSE, "both") || (d.is(Knob.WAREHOUSE, "redshift") && !eltInRedshift)) {
            redshiftServingNodes = add("redshift_nodes", "Redshift ra3.4xlarge nodes serving SQL",
                    Math.max(MIN_REDSHIFT_NODES, Math.ceil(redshiftStorageGb / REDSHIFT_NODE_STORAGE_GB)), "nodes",
                    "max(" + MIN_REDSHIFT_NODES + ", ceil(" + number(redshiftStorageGb) + " GB / " + number(REDSHIFT_NODE_STORAGE_GB) + " GB per node))");
        }

        boolean serving = !d.is(Knob.SERVING, "none");
        servingReadsPerSecond = serving ? r.usage().pointLookupsPerSecond() : 0;
        servingWritesPerSecond = !serving ? 0 : add("serving_writes_per_s", "Serving store writes/s", r.streaming() ? avgEventsPerSecond
                        : goldBytesPerDay / v.eventBytes() / SECONDS_PER_DAY, "writes/s",
                r.streaming() ? "one upsert per event: " + number(avgEventsPerSecond) + " events/s"
                        : size(goldBytesPerDay) + " Gold/day / " + size(v.eventBytes()) + " per item / 86,400 s");
        double servingDays = r.usage().servingWindowDays();
        servingGb = !serving ? 0 : add("serving_gb", "Serving store data", goldBytesPerDay * servingDays / Quantities.GB, "GB",
                size(goldBytesPerDay) + "/day x " + number(servingDays) + " d online (users.serving_window)");
        double ops = servingReadsPerSecond + servingWritesPerSecond;
        if (d.is(Knob.SERVING, "elasticache")) {
            double shards = Math.max(Math.ceil(ops / REDIS_OPS_PER_NODE), Math.ceil(servingGb / REDIS_NODE_GB));
            servingNodes = add("elasticache_nodes", "ElastiCache nodes (primary + replica per shard)", 2 * Math.max(1, shards), "nodes",
                    "2 x max(1, ceil(" + number(ops) + " ops/s / " + number(REDIS_OPS_PER_NODE) + "), ceil(" + number(servingGb) + " GB / "
                            + REDIS_NODE_GB + " GB))");
        }
        if (d.is(Knob.SERVING, "opensearch")) {
            servingNodes = add("opensearch_nodes", "OpenSearch data nodes", Math.max(MIN_OPENSEARCH_NODES, Math.ceil(ops / OPENSEARCH_OPS_PER_NODE)),
                    "nodes", "max(" + MIN_OPENSEARCH_NODES + ", ceil(" + number(ops) + " ops/s / " + number(OPENSEARCH_OPS_PER_NODE) + "))");
        }

        double compactionTraffic = compaction ? 2 * (bronzeBytesPerDay + silverBytesPerDay) : 0;
        double bytes = eltInRedshift ? bronzeBytesPerDay
                : bronzeBytesPerDay * 2 + silverBytesPerDay * 1.5 + goldBytesPerDay + compactionTraffic;
        s3TrafficGbPerDay = add("s3_traffic_gb_per_day", "S3 bytes moved by compute per day", bytes / Quantities.GB, "GB",
                eltInRedshift ? "Bronze landed " + size(bronzeBytesPerDay) + " (Redshift COPY does not cross your VPC)"
                        : "Bronze " + size(bronzeBytesPerDay) + " x 2 (land, read) + Silver " + size(silverBytesPerDay)
                        + " x 1.5 (write, Gold pass) + Gold " + size(goldBytesPerDay) + (compaction ? " + compaction " + size(compactionTraffic) : ""));
        natGbPerDay = d.is(Knob.S3_ACCESS, "nat_gateway") ? add("nat_gb_per_day", "GB through the NAT gateway per day", s3TrafficGbPerDay,
                "GB", "all S3 traffic (no S3 gateway endpoint)") : 0;
        double consumers = (log ? 1 : 0) + (r.streaming() ? 1 : 0);
        double crossings = 1 + (d.on(Knob.FETCH_FROM_FOLLOWER) ? 0 : consumers);
        crossAzGbPerDay = !d.is(Knob.INGESTION, "msk") ? 0 : add("cross_az_gb_per_day", "Kafka client bytes crossing AZs per day",
                v.bytesPerDay() * logRatio * CROSS_AZ_SHARE * crossings / Quantities.GB, "GB",
                perDay + " x " + producerCodec + " x 2/3 (leader in another AZ) x (1 produce" + (d.on(Knob.FETCH_FROM_FOLLOWER)
                        ? ", consumers fetch from their AZ's replica)" : " + " + number(consumers) + " consumer groups)"));
    }

    private double storedGb(String layer, double bytesPerDay, double days) {
        return add(layer + "_stored_gb", capitalized(layer) + " stored (steady state)", bytesPerDay * days / Quantities.GB, "GB",
                size(bytesPerDay) + "/day x " + number(days) + " d retention");
    }

    private static double hotShare(double days) {
        return days <= 0 ? 1 : Math.min(days, HOT_DAYS) / days;
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static double roundUp(double value, int multiple) {
        return Math.ceil(value / multiple) * multiple;
    }

    private double add(String id, String label, double value, String unit, String formula) {
        estimates.add(new Estimate(id, label, value, unit, formula));
        return value;
    }

    public List<Estimate> estimates() {
        return List.copyOf(estimates);
    }

    public double value(String id) {
        return estimates.stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no estimate " + id)).value();
    }
}
