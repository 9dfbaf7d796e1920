package io.alluvium.architect;

import static io.alluvium.architect.Quantities.number;
import static io.alluvium.architect.Quantities.size;
import static io.alluvium.architect.Quantities.usd;

import io.alluvium.architect.Bottleneck.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the bottlenecks of one design from its capacity and cost, each triggered by a named
 * {@link Thresholds} value: small files, skew, hot partitions, driver memory, NAT, metadata growth,
 * backpressure, concurrency limits, full scans, request costs, cross-AZ traffic, idle clusters, budget.
 */
final class BottleneckDetector {
    private BottleneckDetector() {
    }

    static List<Bottleneck> detect(Requirements r, Decisions d, CapacityPlan c, MonthlyCost cost, Calibration cal, PriceTable prices) {
        List<Bottleneck> out = new ArrayList<>();
        if (!d.on(Knob.COMPACTION) && c.avgLandingFileBytes < Thresholds.SMALL_FILE_BYTES) {
            out.add(new Bottleneck(Kind.SMALL_FILES, "Small files", number(c.landingFilesPerDay) + " files/day averaging "
                    + size(c.avgLandingFileBytes), "average file < " + size(Thresholds.SMALL_FILE_BYTES) + " with no compaction",
                    "every reader pays per-file open, footer and request costs; Spark, Athena and the catalog slow down",
                    "compaction to " + size(CapacityPlan.TARGET_FILE_BYTES) + " files (rewrite_data_files), larger landing commits"));
        }
        if (c.filesPerSparkRun > Thresholds.DRIVER_MAX_FILES_PER_RUN) {
            out.add(new Bottleneck(Kind.DRIVER_MEMORY, "Spark driver memory", number(c.filesPerSparkRun) + " input files planned per run",
                    "> " + number(Thresholds.DRIVER_MAX_FILES_PER_RUN) + " files per run",
                    "the driver holds a task and its metadata per file: OutOfMemory or minutes of planning",
                    "compact Bronze before the run, read by snapshot range, raise spark.sql.files.maxPartitionBytes"));
        }
        double skewRatio = r.volume().hotKeyShare() * c.sparkCores;
        if (skewRatio > Thresholds.SKEW_MAX_TASK_RATIO) {
            out.add(new Bottleneck(Kind.SKEWED_KEYS, "Skewed keys in Spark", "hot key " + number(r.volume().hotKeyShare() * 100)
                    + "% of rows x " + number(c.sparkCores) + " cores = its task is " + number(skewRatio) + "x the average",
                    "> " + number(Thresholds.SKEW_MAX_TASK_RATIO) + "x the average task",
                    "one straggler task sets the run's duration and may spill", "AQE skew join, salting the hot key, broadcast small dimensions"));
        }
        if (d.is(Knob.INGESTION, "msk")) {
            double hotMb = c.peakMbPerSecond * r.volume().hotKeyShare();
            double partitionMb = cal.kafkaPartitionMbPerSecond().value();
            if (hotMb > partitionMb) {
                out.add(new Bottleneck(Kind.HOT_PARTITION, "Hot Kafka partition", "hot key " + number(r.volume().hotKeyShare() * 100) + "% x "
                        + number(c.peakMbPerSecond) + " MB/s = " + number(hotMb) + " MB/s on one partition",
                        "> " + number(partitionMb) + " MB/s per partition", "one partition lags while the others idle; consumer lag grows at peak",
                        "key by a finer key or salt the hot key (key#n), aggregate per partition then merge"));
            }
        }
        if (c.natGbPerDay > 0) {
            double gbps = c.natGbPerDay * 8 / Quantities.SECONDS_PER_DAY * r.volume().peakFactor();
            out.add(new Bottleneck(Kind.NAT_TRAFFIC, "S3 traffic through the NAT gateway", number(c.natGbPerDay) + " GB/day (peak about "
                    + number(gbps) + " Gbit/s) = " + usd(cost.line("nat.data")) + "/month", "any S3 traffic through NAT (the S3 gateway endpoint is free); "
                    + "a NAT gateway tops out at 100 Gbit/s", "a per-GB charge on every byte Spark reads or writes, and a throughput ceiling",
                    "S3 gateway VPC endpoint on the private route tables"));
        }
        if (c.snapshotsRetained > Thresholds.MAX_SNAPSHOTS) {
            out.add(new Bottleneck(Kind.METADATA_GROWTH, "Table metadata growth", number(c.snapshotsRetained) + " snapshots kept",
                    "> " + number(Thresholds.MAX_SNAPSHOTS) + " snapshots", "commits and query planning read an ever larger metadata tree",
                    "expire_snapshots and rewrite_manifests in nightly maintenance"));
        }
        if (d.is(Knob.TABLE_FORMAT, "hive") && c.filesPerSqlQuery > Thresholds.DRIVER_MAX_FILES_PER_RUN) {
            out.add(new Bottleneck(Kind.METADATA_GROWTH, "Listing-based planning", number(c.filesPerSqlQuery) + " files listed per query",
                    "> " + number(Thresholds.DRIVER_MAX_FILES_PER_RUN) + " files listed (Hive tables list S3 prefixes)",
                    "planning time grows with every partition and file", "Iceberg manifests (planning from metadata, not listings)"));
        }
        if (d.is(Knob.SERVING, "dynamodb")) {
            double hotWrites = c.servingWritesPerSecond * r.volume().peakFactor() * r.volume().hotKeyShare();
            if (hotWrites > Thresholds.DYNAMO_PARTITION_WRITES_PER_S) {
                out.add(new Bottleneck(Kind.BACKPRESSURE, "Serving writes throttled", number(hotWrites) + " writes/s on the hot key at peak",
                        "> " + number(Thresholds.DYNAMO_PARTITION_WRITES_PER_S) + " writes/s per DynamoDB partition",
                        "throttled writes backpressure the Flink sink; lag grows", "pre-aggregate per window before writing, shard the hot key"));
            }
        }
        if (c.flinkRealtimeParallelism + 1 > Thresholds.FLINK_MAX_KPUS_PER_APP || c.flinkLandingParallelism + 1 > Thresholds.FLINK_MAX_KPUS_PER_APP) {
            out.add(new Bottleneck(Kind.CONCURRENCY_LIMIT, "Managed Flink KPU quota", number(Math.max(c.flinkRealtimeParallelism, c.flinkLandingParallelism) + 1)
                    + " KPUs in one application", "> " + number(Thresholds.FLINK_MAX_KPUS_PER_APP) + " KPUs per application (default quota)",
                    "the application cannot scale to the peak: backpressure, then lag", "request a quota increase or split the job by topic/key range"));
        }
        double athenaQueries = c.athenaTbPerMonth > 0 ? (d.is(Knob.WAREHOUSE, "athena") ? r.usage().dashboardQueriesPerDay() : 0)
                + (d.is(Knob.WAREHOUSE, "redshift") ? 0 : r.usage().sqlQueriesPerDay()) : 0;
        double seconds = Math.max(1, c.sqlBytesPerQuery / Thresholds.ATHENA_SCAN_BYTES_PER_S);
        double concurrent = athenaQueries / Thresholds.BUSY_HOURS_PER_DAY / 3600 * seconds * r.volume().peakFactor();
        if (concurrent > Thresholds.ATHENA_MAX_ACTIVE_QUERIES) {
            out.add(new Bottleneck(Kind.CONCURRENCY_LIMIT, "Athena concurrency", number(concurrent) + " queries running at once at peak ("
                    + number(athenaQueries) + "/day over " + number(Thresholds.BUSY_HOURS_PER_DAY) + " h x " + number(seconds) + " s each x peak "
                    + number(r.volume().peakFactor()) + ")", "> " + number(Thresholds.ATHENA_MAX_ACTIVE_QUERIES) + " active DML queries (default quota)",
                    "queries queue; dashboards time out", "Gold in a warehouse for dashboards, result reuse, a quota increase or provisioned capacity"));
        }
        if (c.sqlBytesPerQuery > Thresholds.FULL_SCAN_BYTES) {
            out.add(new Bottleneck(Kind.FULL_SCANS, "Full scans", size(c.sqlBytesPerQuery) + " scanned per analyst query = "
                    + usd(prices.get("athena_scan").charge(c.sqlBytesPerQuery / Quantities.TB)) + " on Athena", "> " + size(Thresholds.FULL_SCAN_BYTES) + " per query",
                    "slow and expensive queries", "partition by event day, Parquet with column pruning, Gold tables for common questions"));
        }
        double requests = cost.line("s3.put") + cost.line("s3.get");
        double s3Storage = cost.lines().stream().filter(l -> l.id().startsWith("s3.") && !l.id().equals("s3.put") && !l.id().equals("s3.get"))
                .mapToDouble(CostLine::usd).sum();
        if (s3Storage > 0 && requests > Thresholds.REQUEST_COST_SHARE * s3Storage) {
            out.add(new Bottleneck(Kind.S3_REQUESTS, "S3 request charges", usd(requests) + "/month in requests vs " + usd(s3Storage) + " storage",
                    "> " + number(Thresholds.REQUEST_COST_SHARE * 100) + "% of S3 storage charges", "the bill grows with the number of files, not the data",
                    "fewer, larger files: compaction, longer commit intervals, agent batching"));
        }
        double crossAz = cost.line("cross_az.kafka");
        if (crossAz > Thresholds.CROSS_AZ_COST_SHARE * cost.total()) {
            out.add(new Bottleneck(Kind.CROSS_AZ_TRAFFIC, "Cross-AZ Kafka traffic", usd(crossAz) + "/month (" + number(crossAz / cost.total() * 100)
                    + "% of the bill)", "> " + number(Thresholds.CROSS_AZ_COST_SHARE * 100) + "% of the bill",
                    "every byte consumed from a leader in another AZ is billed twice", "fetch from follower (client.rack), compress producer batches (zstd)"));
        }
        if (d.is(Knob.CLUSTER, "always_on") && (d.is(Knob.BATCH_COMPUTE, "emr") || d.is(Knob.BATCH_COMPUTE, "redshift"))) {
            double utilization = Math.min(1, r.velocity().batchWindowHours() * c.batchRunsPerDay / 24);
            if (utilization < Thresholds.MIN_CLUSTER_UTILIZATION) {
                out.add(new Bottleneck(Kind.IDLE_CLUSTER, "Idle cluster", "busy " + number(utilization * 100) + "% of the day ("
                        + number(r.velocity().batchWindowHours()) + " h x " + number(c.batchRunsPerDay) + " runs)",
                        "< " + number(Thresholds.MIN_CLUSTER_UTILIZATION * 100) + "% utilization", "you pay 24 h for "
                        + number(r.velocity().batchWindowHours() * c.batchRunsPerDay) + " h of work", "per-run clusters or EMR Serverless"));
            }
        }
        if (d.is(Knob.BATCH_COMPUTE, "redshift")) {
            out.add(new Bottleneck(Kind.IDLE_CLUSTER, "Warehouse sized for the ELT window", number(c.redshiftEltNodes) + " nodes sized for "
                    + number(r.velocity().batchWindowHours()) + " h of ELT, provisioned 24 h", "ELT compute inside a provisioned warehouse",
                    "compute for the batch window is paid all day; loads compete with dashboards", "Spark on per-run clusters; Redshift for Gold only"));
        }
        if (d.is(Knob.BATCH_COMPUTE, "redshift") && r.variety().contains(Requirements.DataKind.UNSTRUCTURED)) {
            out.add(new Bottleneck(Kind.DATA_VARIETY, "Data the warehouse cannot hold", "variety includes unstructured data",
                    "unstructured data with ELT inside a warehouse", "images, documents and raw logs stay on S3 anyway: two platforms, two copies, "
                    + "ML reads through an export", "keep the lake on S3 as the system of record; a warehouse for Gold only"));
        }
        if (c.sparkCores > Thresholds.MAX_CORES_PER_RUN) {
            out.add(new Bottleneck(Kind.BATCH_WINDOW, "Batch window", number(c.sparkCores) + " cores needed per run", "> "
                    + number(Thresholds.MAX_CORES_PER_RUN) + " cores per run", "one cluster that size is slow to provision and a late run misses the window",
                    "shorter, incremental runs (hourly), split by table, or land Silver from the stream"));
        }
        if (r.security().pii() && r.security().encryption() != Requirements.Encryption.SSE_KMS) {
            out.add(new Bottleneck(Kind.PII_EXPOSURE, "PII without key control", "PII encrypted with " + YamlSection.yamlName(r.security().encryption()),
                    "PII requires SSE-KMS and column-level grants", "anyone with s3:GetObject on the prefix reads personal data",
                    "SSE-KMS with key policies, Lake Formation column masking, Macie discovery"));
        }
        if (r.budgetUsdPerMonth().isPresent() && cost.total() > r.budgetUsdPerMonth().getAsDouble()) {
            out.add(new Bottleneck(Kind.OVER_BUDGET, "Over budget", usd(cost.total()) + "/month", "budget " + usd(r.budgetUsdPerMonth().getAsDouble())
                    + "/month", "the design cannot ship as is", "apply the optimizations below, in order of savings"));
        }
        return out;
    }
}
