package io.alluvium.architect;

import static io.alluvium.architect.Quantities.number;
import static io.alluvium.architect.Quantities.size;
import static io.alluvium.architect.Quantities.usd;

import io.alluvium.architect.Bottleneck.Kind;
import io.alluvium.architect.Bottleneck.Severity;
import io.alluvium.architect.Bottleneck.Stake;
import io.alluvium.architect.Knob.BatchCompute;
import io.alluvium.architect.Knob.Cluster;
import io.alluvium.architect.Knob.DashboardStore;
import io.alluvium.architect.Knob.TableFormat;
import io.alluvium.architect.Knob.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Finds the bottlenecks of one design from its capacity and cost, each triggered by a named
 * {@link Thresholds} value (or near it): small files, skew (see {@link KeySkew}), driver memory, NAT,
 * metadata growth, concurrency limits, full scans, request costs, cross-AZ traffic, idle clusters, budget.
 * A finding whose driver is zero (no queries, no traffic) is not reported.
 */
final class BottleneckDetector {
    /** The cost lines of Spark batch compute, whichever engine runs it. */
    static final List<String> SPARK_LINES = List.of("emr.ec2_workers", "emr.spot_saving", "emr.ec2_primary", "emr.fee",
            "emr_serverless.vcpu", "emr_serverless.memory", "glue.dpu");
    private static final List<String> CLUSTER_LINES = List.of("emr.ec2_workers", "emr.spot_saving", "emr.ec2_primary", "emr.fee");
    private static final List<String> S3_REQUEST_LINES = List.of("s3.put", "s3.get");

    private BottleneckDetector() {
    }

    static List<Bottleneck> detect(Requirements r, Decisions d, CapacityPlan c, MonthlyCost cost, Calibration cal, PriceTable prices) {
        List<Bottleneck> out = new ArrayList<>();
        if (!d.on(Knob.COMPACTION)) {
            Thresholds.below(c.avgLandingFileBytes, Thresholds.SMALL_FILE_BYTES).ifPresent(s -> out.add(new Bottleneck(Kind.SMALL_FILES, s,
                    "Small files", number(c.landingFilesPerDay) + " files/day averaging " + size(c.avgLandingFileBytes),
                    "average file < " + size(Thresholds.SMALL_FILE_BYTES) + " with no compaction",
                    "every reader pays per-file open, footer and request costs; Spark, Athena and the catalog slow down",
                    "compaction to " + size(CapacityPlan.TARGET_FILE_BYTES) + " files (rewrite_data_files), larger landing commits",
                    Stake.lines(cost, S3_REQUEST_LINES))));
        }
        Thresholds.above(c.filesPerSparkRun, Thresholds.DRIVER_MAX_FILES_PER_RUN).ifPresent(s -> out.add(new Bottleneck(Kind.DRIVER_MEMORY, s,
                "Spark driver memory", number(c.filesPerSparkRun) + " input files planned per run",
                "> " + number(Thresholds.DRIVER_MAX_FILES_PER_RUN) + " files per run",
                "the driver holds a task and its metadata per file: OutOfMemory or minutes of planning",
                "compact Bronze before the run, read by snapshot range, raise spark.sql.files.maxPartitionBytes", Stake.lines(cost, SPARK_LINES))));
        out.addAll(KeySkew.assess(r, d, c, cost, cal));
        if (c.natGbPerDay > 0) {
            double gbps = c.natGbPerDay * 8 / Quantities.SECONDS_PER_DAY * r.volume().peakFactor();
            out.add(new Bottleneck(Kind.NAT_TRAFFIC, Severity.REACHED, "S3 traffic through the NAT gateway", number(c.natGbPerDay)
                    + " GB/day (peak about " + number(gbps) + " Gbit/s)", "any S3 traffic through NAT (the S3 gateway endpoint is free); "
                    + "a NAT gateway tops out at 100 Gbit/s", "a per-GB charge on every byte Spark reads or writes, and a throughput ceiling",
                    "S3 gateway VPC endpoint on the private route tables", Stake.lines(cost, List.of("nat.hours", "nat.data"))));
        }
        Thresholds.above(c.snapshotsRetained, Thresholds.MAX_SNAPSHOTS).ifPresent(s -> out.add(new Bottleneck(Kind.METADATA_GROWTH, s,
                "Table metadata growth", number(c.snapshotsRetained) + " snapshots kept", "> " + number(Thresholds.MAX_SNAPSHOTS) + " snapshots",
                "commits and query planning read an ever larger metadata tree", "expire_snapshots and rewrite_manifests in nightly maintenance",
                Stake.lines(cost, List.of("glue_catalog.requests", "s3.put")))));
        if (d.is(Knob.TABLE_FORMAT, TableFormat.HIVE) && r.usage().sqlQueriesPerDay() > 0) {
            Thresholds.above(c.filesPerSqlQuery, Thresholds.DRIVER_MAX_FILES_PER_RUN).ifPresent(s -> out.add(new Bottleneck(Kind.METADATA_GROWTH, s,
                    "Listing-based planning", number(c.filesPerSqlQuery) + " files listed per query",
                    "> " + number(Thresholds.DRIVER_MAX_FILES_PER_RUN) + " files listed (Hive tables list S3 prefixes)",
                    "planning time grows with every partition and file", "Iceberg manifests (planning from metadata, not listings)",
                    Stake.lines(cost, List.of("s3.get")))));
        }
        double kpus = Math.max(c.flinkRealtimeParallelism, c.flinkLandingParallelism) + 1;
        if (kpus > 1) {
            Thresholds.above(kpus, Thresholds.FLINK_MAX_KPUS_PER_APP).ifPresent(s -> out.add(new Bottleneck(Kind.CONCURRENCY_LIMIT, s,
                    "Managed Flink KPU quota", number(kpus) + " KPUs in one application",
                    "> " + number(Thresholds.FLINK_MAX_KPUS_PER_APP) + " KPUs per application (default quota)",
                    "the application cannot scale to the peak: backpressure, then lag", "request a quota increase or split the job by topic/key range",
                    Stake.lines(cost, List.of("flink.kpus")))));
        }
        athena(r, d, c, cost, prices, out);
        out.addAll(QueryLatency.assess(r, d, c, cost));
        DecisionBudget.of(r, d).filter(b -> !b.within()).ifPresent(b -> out.add(new Bottleneck(Kind.LATENCY_BUDGET, Severity.REACHED,
                "Decision path over its latency budget", number(b.total().value()) + " ms at p99 = " + b.total().text(),
                "velocity.latency " + number(b.budgetMs()) + " ms", "decisions arrive late: the caller times out or decides without the score",
                "Kafka instead of a polled Kinesis stream, features in ElastiCache (about 1 ms a read) read in one batch (MGET), "
                        + "the model in the Flink job instead of behind an endpoint", Stake.lines(cost, List.of("kinesis.shards", "kinesis.stream",
                        "dynamodb.reads", "dynamodb.writes", "elasticache.nodes")))));
        double requests = cost.line("s3.put") + cost.line("s3.get");
        double s3Storage = cost.lines().stream().filter(l -> l.id().startsWith("s3.") && !S3_REQUEST_LINES.contains(l.id()))
                .mapToDouble(CostLine::usd).sum();
        if (s3Storage > 0) {
            Thresholds.above(requests, Thresholds.REQUEST_COST_SHARE * s3Storage).ifPresent(s -> out.add(new Bottleneck(Kind.S3_REQUESTS, s,
                    "S3 request charges", usd(requests) + "/month in requests vs " + usd(s3Storage) + " storage",
                    "> " + number(Thresholds.REQUEST_COST_SHARE * 100) + "% of S3 storage charges", "the bill grows with the number of files, not the data",
                    "fewer, larger files: compaction, longer commit intervals, agent batching", Stake.lines(cost, S3_REQUEST_LINES))));
        }
        double crossAz = cost.line("cross_az.kafka");
        Thresholds.above(crossAz, Thresholds.CROSS_AZ_COST_SHARE * cost.total()).ifPresent(s -> out.add(new Bottleneck(Kind.CROSS_AZ_TRAFFIC, s,
                "Cross-AZ Kafka traffic", usd(crossAz) + "/month (" + number(crossAz / cost.total() * 100) + "% of the bill)",
                "> " + number(Thresholds.CROSS_AZ_COST_SHARE * 100) + "% of the bill", "every byte consumed from a leader in another AZ is billed twice",
                "fetch from follower (client.rack), compress producer batches (zstd)", Stake.lines(cost, List.of("cross_az.kafka")))));
        clusters(r, d, c, cost, out);
        Thresholds.above(c.sparkCores, Thresholds.MAX_CORES_PER_RUN).ifPresent(s -> out.add(new Bottleneck(Kind.BATCH_WINDOW, s, "Batch window",
                number(c.sparkCores) + " cores needed per run", "> " + number(Thresholds.MAX_CORES_PER_RUN) + " cores per run",
                "one cluster that size is slow to provision and a late run misses the window",
                "shorter, incremental runs (hourly), split by table, or land Silver from the stream", Stake.lines(cost, SPARK_LINES))));
        if (r.security().pii() && r.security().encryption() != Requirements.Encryption.SSE_KMS) {
            out.add(new Bottleneck(Kind.PII_EXPOSURE, Severity.REACHED, "PII without key control", "PII encrypted with "
                    + YamlSection.yamlName(r.security().encryption()), "PII requires SSE-KMS and column-level grants",
                    "anyone with s3:GetObject on the prefix reads personal data", "SSE-KMS with key policies, Lake Formation column masking, Macie discovery",
                    new Stake(prices.get("kms_key").charge(CostModel.KMS_KEYS), "the fix: " + number(CostModel.KMS_KEYS) + " customer managed keys (kms_key)")));
        }
        r.budgetUsdPerMonth().ifPresent(budget -> Thresholds.above(cost.total(), budget).ifPresent(s -> out.add(new Bottleneck(Kind.OVER_BUDGET, s,
                "Over budget", usd(cost.total()) + "/month", "budget " + usd(budget) + "/month", s == Severity.REACHED
                        ? "the design cannot ship as is" : "little headroom: growth or a price change puts it over",
                "apply the optimizations below, in order of savings", s == Severity.REACHED
                        ? new Stake(cost.total() - budget, "total - budget: the overrun") : new Stake(budget - cost.total(), "budget - total: the headroom left")))));
        return out;
    }

    /** Athena's concurrency quota and full scans; neither exists without queries. */
    private static void athena(Requirements r, Decisions d, CapacityPlan c, MonthlyCost cost, PriceTable prices, List<Bottleneck> out) {
        boolean dashboardsOnAthena = d.is(Knob.WAREHOUSE, Warehouse.ATHENA) && d.is(Knob.DASHBOARDS, DashboardStore.WAREHOUSE);
        double athenaQueries = c.athenaTbPerMonth > 0 ? (dashboardsOnAthena ? r.usage().dashboardQueriesPerDay() : 0)
                + (d.is(Knob.WAREHOUSE, Warehouse.REDSHIFT) ? 0 : r.usage().sqlQueriesPerDay()) : 0;
        double seconds = Math.max(1, c.sqlBytesPerQuery / Thresholds.ATHENA_SCAN_BYTES_PER_S);
        double concurrent = athenaQueries / Thresholds.BUSY_HOURS_PER_DAY / 3600 * seconds * r.volume().peakFactor();
        Thresholds.above(concurrent, Thresholds.ATHENA_MAX_ACTIVE_QUERIES).ifPresent(s -> out.add(new Bottleneck(Kind.CONCURRENCY_LIMIT, s,
                "Athena concurrency", number(concurrent) + " queries running at once at peak (" + number(athenaQueries) + "/day over "
                + number(Thresholds.BUSY_HOURS_PER_DAY) + " h x " + number(seconds) + " s each x peak " + number(r.volume().peakFactor()) + ")",
                "> " + number(Thresholds.ATHENA_MAX_ACTIVE_QUERIES) + " active DML queries (default quota)", "queries queue; dashboards time out",
                "Gold in a warehouse for dashboards, result reuse, a quota increase or provisioned capacity", Stake.lines(cost, List.of("athena.scan")))));
        if (r.usage().sqlQueriesPerDay() > 0) {
            Thresholds.above(c.sqlBytesPerQuery, Thresholds.FULL_SCAN_BYTES).ifPresent(s -> out.add(new Bottleneck(Kind.FULL_SCANS, s, "Full scans",
                    size(c.sqlBytesPerQuery) + " scanned per analyst query = " + usd(prices.get("athena_scan").charge(c.sqlBytesPerQuery / Quantities.TB))
                            + " on Athena, x " + number(r.usage().sqlQueriesPerDay()) + " queries/day",
                    "> " + size(Thresholds.FULL_SCAN_BYTES) + " per query", "slow and expensive queries",
                    "partition by event day, Parquet with column pruning, Gold tables for common questions", Stake.lines(cost, List.of("athena.scan")))));
        }
    }

    /** Compute paid for while it waits or starts: an always-on Spark cluster, per-run clusters at a short cadence, a warehouse sized for the ELT window. */
    private static void clusters(Requirements r, Decisions d, CapacityPlan c, MonthlyCost cost, List<Bottleneck> out) {
        double busyHours = r.deployment().map(Requirements.Deployment::busyHoursPerDay).orElse(OptionalDouble.empty())
                .orElse(r.velocity().batchWindowHours() * c.batchRunsPerDay);
        double utilization = Math.min(1, busyHours / 24);
        if (d.is(Knob.CLUSTER, Cluster.ALWAYS_ON) && d.is(Knob.BATCH_COMPUTE, BatchCompute.EMR)) {
            Thresholds.below(utilization, Thresholds.MIN_CLUSTER_UTILIZATION).ifPresent(s -> out.add(new Bottleneck(Kind.IDLE_CLUSTER, s,
                    "Idle cluster", "busy " + number(utilization * 100) + "% of the day (" + number(busyHours) + " h of work)", "< " + number(Thresholds.MIN_CLUSTER_UTILIZATION * 100) + "% utilization",
                    "you pay 24 h for " + number(busyHours) + " h of work", "per-run clusters or EMR Serverless",
                    Stake.share(cost, 1 - utilization, "idle", CLUSTER_LINES))));
        }
        if (d.is(Knob.CLUSTER, Cluster.EPHEMERAL) && d.is(Knob.BATCH_COMPUTE, BatchCompute.EMR)) {
            double interval = r.velocity().batchIntervalSeconds();
            double startupShare = CapacityPlan.EMR_STARTUP_S / interval;
            double billedStartup = CapacityPlan.EMR_STARTUP_S / (CapacityPlan.EMR_STARTUP_S + r.velocity().batchWindowHours() * 3600);
            Thresholds.above(startupShare, Thresholds.MAX_STARTUP_SHARE).ifPresent(s -> out.add(new Bottleneck(Kind.STARTUP_OVERHEAD, s,
                    "Cluster start-up at this cadence", number(c.batchRunsPerDay) + " clusters a day, each starting for "
                    + Quantities.duration(CapacityPlan.EMR_STARTUP_S) + " = " + number(startupShare * 100) + "% of the "
                    + Quantities.duration(interval) + " between runs", "> " + number(Thresholds.MAX_STARTUP_SHARE * 100) + "% of the interval between runs",
                    "every node is billed while it starts, and each run's results arrive that much later",
                    "stream the transformation (Flink), or EMR Serverless with pre-initialized capacity; otherwise fewer, larger runs",
                    Stake.share(cost, billedStartup, "start-up", CLUSTER_LINES))));
        }
        if (d.is(Knob.BATCH_COMPUTE, BatchCompute.REDSHIFT)) {
            out.add(new Bottleneck(Kind.IDLE_CLUSTER, Severity.REACHED, "Warehouse sized for the ELT window", number(c.redshiftEltNodes)
                    + " nodes sized for " + number(r.velocity().batchWindowHours()) + " h of ELT, provisioned 24 h", "ELT compute inside a provisioned warehouse",
                    "compute for the batch window is paid all day; loads compete with dashboards", "Spark on per-run clusters; Redshift for Gold only",
                    Stake.share(cost, 1 - utilization, "idle", List.of("redshift.elt_nodes"))));
            if (r.variety().contains(Requirements.DataKind.UNSTRUCTURED)) {
                out.add(new Bottleneck(Kind.DATA_VARIETY, Severity.REACHED, "Data the warehouse cannot hold", "variety includes unstructured data",
                        "unstructured data with ELT inside a warehouse", "images, documents and raw logs stay on S3 anyway: two platforms, two copies, "
                        + "ML reads through an export", "keep the lake on S3 as the system of record; a warehouse for Gold only",
                        Stake.lines(cost, List.of("s3.bronze.standard", "s3.bronze.glacier_ir"))));
            }
        }
    }
}
