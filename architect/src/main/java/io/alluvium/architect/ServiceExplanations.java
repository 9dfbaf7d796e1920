package io.alluvium.architect;

import static io.alluvium.architect.Quantities.duration;
import static io.alluvium.architect.Quantities.number;

import io.alluvium.architect.Knob.BatchCompute;
import io.alluvium.architect.Knob.DashboardStore;
import io.alluvium.architect.Knob.Orchestration;
import io.alluvium.architect.Knob.Pipeline;
import io.alluvium.architect.Knob.S3Access;
import io.alluvium.architect.Knob.Serving;
import io.alluvium.architect.Knob.TableFormat;
import io.alluvium.architect.Knob.Warehouse;
import io.alluvium.architect.Requirements.DataKind;
import io.alluvium.architect.ServiceChoice.Rejected;
import java.util.ArrayList;
import java.util.List;

/**
 * Explains each layer's service with the alternatives it beat (seed step 3: "explain WHY, not WHAT"), from the
 * decisions {@link ServiceSelector} made and the capacity they need. Exists apart from the deciding so that the
 * rules stay short and every "why" and "why not" text lives in one place, each with the numbers behind it.
 */
final class ServiceExplanations {
    private ServiceExplanations() {
    }

    /** The service of each layer, with why and why not. */
    static List<ServiceChoice> of(Requirements r, Decisions d, CapacityPlan c, Calibration cal, PriceTable prices) {
        List<ServiceChoice> out = new ArrayList<>();
        out.add(ingestion(r, d, c));
        out.add(storage(r, d));
        out.addAll(processing(r, d, c, cal, prices));
        out.add(warehouse(r, d, c, cal));
        if (!d.is(Knob.DASHBOARDS, DashboardStore.WAREHOUSE) && r.usage().dashboardQueriesPerDay() > 0) {
            out.add(DashboardServing.explain(r, d, c, prices));
        }
        if (!d.is(Knob.SERVING, Serving.NONE)) {
            out.add(serving(d, c, prices));
        }
        out.add(orchestration(d, prices));
        out.add(governance(r));
        out.add(network(d, c, prices));
        return out;
    }

    private static String fixedNote(Decisions d, Knob k) {
        return d.fixedByRequirements(k) ? " (fixed by the requirements: choices." + k.key() + ")" : "";
    }

    private static ServiceChoice ingestion(Requirements r, Decisions d, CapacityPlan c) {
        String peak = number(c.peakMbPerSecond) + " MB/s";
        String lat = duration(r.velocity().latencySeconds());
        double shards = Math.ceil(Math.max(c.peakMbPerSecond / CapacityPlan.KINESIS_SHARD_MB_PER_S,
                c.peakEventsPerSecond / CapacityPlan.KINESIS_SHARD_RECORDS_PER_S) * CapacityPlan.HEADROOM);
        Rejected kinesis = new Rejected("Amazon Kinesis Data Streams", "peak " + peak + " needs " + number(shards) + " shards ("
                + number(CapacityPlan.KINESIS_SHARD_MB_PER_S) + " MB/s or " + number(CapacityPlan.KINESIS_SHARD_RECORDS_PER_S) + " records/s each); no Kafka API, so the engines and tools Alluvium runs locally would differ in production");
        Rejected msk = new Rejected("Amazon MSK (Kafka)", "a log buys replay and sub-second fan-out; a " + lat
                + " latency needs neither, and brokers would run 24 h for it");
        Rejected direct = new Rejected("Agents writing straight to S3", "files land every few minutes, not every second: cannot meet a "
                + lat + " latency, and there is no log to replay into a new job");
        String note = "; " + d.reason(Knob.INGESTION);
        Rejected onDemand = new Rejected("Kinesis on-demand capacity", "no shards to size, but every GB is billed in and again per consumer, "
                + "plus a stream-hour: it pays off for spiky, small streams");
        Rejected provisioned = new Rejected("Kinesis provisioned shards", "shards sized for the peak and paid around the clock; "
                + "cheaper than on-demand only when the stream is busy most of the day");
        Rejected express = new Rejected("Amazon MSK Express brokers", "three times a Standard broker's client throughput, no disks to size and "
                + "the log billed per GB stored once, at twice the broker-hour: they pay off for high throughput or long retention");
        Rejected standard = new Rejected("Amazon MSK Standard brokers", "half the broker-hour, but every replica on provisioned disks and "
                + "a third of the client throughput per broker");
        String kafkaWhy = "peak " + peak + " -> " + number(c.partitions) + " partitions on " + number(c.brokers) + " brokers; the log decouples producers, "
                + "absorbs the peak and is replayable for " + number(r.volume().retention().logDays()) + " d (Kappa reprocessing, recovery)" + note;
        String cdc = r.variety().contains(DataKind.CDC) ? " + MSK Connect (Debezium CDC)" : "";
        return switch (d.get(Knob.INGESTION)) {
            case S3_DIRECT -> new ServiceChoice(Layer.INGESTION, "Log agents (Fluent Bit/Vector) uploading to S3 Bronze",
                    "file drops into Bronze", "batch with a " + lat + " latency and no CDC: agents upload compressed batches straight to S3; "
                    + "S3 Bronze is the replay source" + fixedNote(d, Knob.INGESTION), List.of(msk, kinesis));
            case KINESIS -> new ServiceChoice(Layer.INGESTION, "Amazon Kinesis Data Streams (provisioned)", "Kafka (embedded broker)",
                    "peak " + peak + " fits in " + number(c.kinesisShards) + " shards: no brokers to size or patch" + note,
                    List.of(onDemand, new Rejected("Amazon MSK (Kafka)", "at least 3 brokers running 24 h for " + peak), direct));
            case KINESIS_ON_DEMAND -> new ServiceChoice(Layer.INGESTION, "Amazon Kinesis Data Streams (on-demand)", "Kafka (embedded broker)",
                    "peak " + peak + ": the stream scales itself and bills " + number(c.kinesisInGbPerMonth) + " GB in and "
                            + number(c.kinesisOutGbPerMonth) + " GB out a month; no shards sized for a peak that rarely comes" + note,
                    List.of(provisioned, new Rejected("Amazon MSK (Kafka)", "at least 3 brokers running 24 h for " + peak), direct));
            case MSK_EXPRESS -> new ServiceChoice(Layer.INGESTION, "Amazon MSK Express brokers (Kafka)" + cdc,
                    "Kafka (embedded KRaft broker) + Flink landing job", kafkaWhy, List.of(standard, kinesis, direct));
            case MSK -> new ServiceChoice(Layer.INGESTION, "Amazon MSK (Kafka)" + cdc, "Kafka (embedded KRaft broker) + Flink landing job",
                    kafkaWhy, List.of(express, kinesis, direct));
        };
    }

    private static ServiceChoice storage(Requirements r, Decisions d) {
        TableFormat format = d.get(Knob.TABLE_FORMAT);
        List<Rejected> rejected = new ArrayList<>();
        if (format != TableFormat.ICEBERG) {
            rejected.add(new Rejected("Apache Iceberg", "the engine-neutral default; not chosen because the requirements fixed " + format.key()));
        }
        if (format != TableFormat.DELTA) {
            rejected.add(new Rejected("Delta Lake", "strongest on Databricks; Flink and Athena write support is narrower than Iceberg's"));
        }
        if (format != TableFormat.HUDI) {
            rejected.add(new Rejected("Apache Hudi", "record-level upserts suit CDC" + (r.variety().contains(DataKind.CDC) ? " (you have CDC)" : "")
                    + ", at the price of more table services to tune; Iceberg MERGE covers the CDC here"));
        }
        if (format != TableFormat.HIVE) {
            rejected.add(new Rejected("Plain Parquet + Hive partitions", "no ACID commits (reruns double data), no time travel, "
                    + "listing-based planning that slows with every partition"));
        }
        rejected.add(new Rejected("HDFS on the cluster", "couples storage to compute: the data dies with the cluster and must be sized for the peak"));
        boolean elt = d.is(Knob.BATCH_COMPUTE, BatchCompute.REDSHIFT);
        String why = elt ? "Bronze files on S3; Silver and Gold in Redshift managed storage, because the ELT runs inside Redshift"
                : "S3 decouples storage from compute (11 nines durability, no size limit); " + format.key()
                + " adds ACID commits, time travel and schema/partition evolution to Bronze (raw), Silver (typed, deduplicated) and Gold (aggregates)";
        return new ServiceChoice(Layer.STORAGE, elt ? "Amazon S3 (Bronze) + Redshift managed storage" : "Amazon S3 + " + format.key() + " tables",
                "Iceberg tables in a local warehouse directory (JDBC catalog on embedded PostgreSQL)", why + fixedNote(d, Knob.TABLE_FORMAT), rejected);
    }

    private static List<ServiceChoice> processing(Requirements r, Decisions d, CapacityPlan c, Calibration cal, PriceTable prices) {
        List<ServiceChoice> out = new ArrayList<>();
        double coreHours = c.sparkCoreHoursPerDay;
        PriceTable.Price dpu = prices.get("glue_dpu");
        Rejected glue = new Rejected("AWS Glue", Quantities.usdPrice(dpu.usd()) + " per DPU-hour = " + Quantities.usdPrice(dpu.usd() / CostModel.GLUE_VCPU_PER_DPU)
                + " per vCPU-hour, no Spot or Graviton discount; fine for simple ETL" + AlternativeCost.of(r, cal, d, Knob.BATCH_COMPUTE, BatchCompute.GLUE));
        Rejected emr = new Rejected("EMR on EC2", "per-run clusters to size, with Spot and Graviton discounts on " + number(coreHours)
                + " core-hours/day" + AlternativeCost.of(r, cal, d, Knob.BATCH_COMPUTE, BatchCompute.EMR));
        Rejected serverless = new Rejected("EMR Serverless", "nothing to size or idle, at a higher vCPU-hour than EMR on EC2 with Spot and Graviton"
                + AlternativeCost.of(r, cal, d, Knob.BATCH_COMPUTE, BatchCompute.EMR_SERVERLESS));
        Rejected redshift = new Rejected("ELT inside Redshift", "compute sized for the batch window but paid 24 h; semi-structured and unstructured data "
                + "fit badly; ML and Spark readers need another copy" + AlternativeCost.of(r, cal, d, Knob.BATCH_COMPUTE, BatchCompute.REDSHIFT));
        BatchCompute batch = d.get(Knob.BATCH_COMPUTE);
        String note = "; " + d.reason(Knob.BATCH_COMPUTE);
        String sizing = number(c.sparkCores) + " cores for each of " + number(c.batchRunsPerDay) + " runs/day within "
                + number(r.velocity().batchWindowHours()) + " h";
        out.add(switch (batch) {
            case EMR -> new ServiceChoice(Layer.PROCESSING, "Amazon EMR on EC2 (Spark)", "Spark (local[*] in a child JVM)",
                    sizing + " -> " + number(c.emrNodes) + " x 16-vCPU nodes; per-run clusters with " + d.get(Knob.CPU).key() + " and " + d.get(Knob.PURCHASE).key()
                            + " workers: discounted vCPU-hours for heavy, steady Spark" + note, List.of(serverless, glue, redshift));
            case EMR_SERVERLESS -> new ServiceChoice(Layer.PROCESSING, "Amazon EMR Serverless (Spark)", "Spark (local[*] in a child JVM)",
                    number(coreHours) + " core-hours/day: pay per vCPU-second, nothing idles" + note,
                    List.of(emr, glue, redshift));
            case GLUE -> new ServiceChoice(Layer.PROCESSING, "AWS Glue (Spark)", "Spark (local[*] in a child JVM)",
                    "serverless Spark with catalog integration" + note, List.of(emr, serverless));
            default -> new ServiceChoice(Layer.PROCESSING, "Amazon Redshift (ELT in SQL)", "Spark (local[*]) plays this part locally",
                    sizing + " -> " + number(c.redshiftEltNodes) + " ra3.4xlarge nodes" + note, List.of(emr, serverless, glue));
        });
        if (r.streaming()) {
            Pipeline pipeline = d.get(Knob.PIPELINE);
            out.add(new ServiceChoice(Layer.PROCESSING, "Amazon Managed Service for Apache Flink", "Flink (MiniCluster in a child JVM)",
                    "latency " + duration(r.velocity().latencySeconds()) + ": event-at-a-time windows with exactly-once state; "
                            + number(c.flinkRealtimeParallelism) + " slots for " + number(c.peakEventsPerSecond) + " peak events/s at "
                            + number(cal.flinkRowsPerSecondPerSlot().value()) + " rows/s per slot. " + (pipeline == Pipeline.LAMBDA
                            ? "Lambda: Gold from batch is the accurate view, the stream is the speed view, the serving API merges them"
                            : "Kappa: one streaming code path; reprocessing = replay the log into a new table version and swap") + fixedNote(d, Knob.PIPELINE),
                    List.of(new Rejected("Spark Structured Streaming", "micro-batches put the floor near a second; fine for minutes, not for "
                                    + duration(r.velocity().latencySeconds())),
                            new Rejected(pipeline == Pipeline.LAMBDA ? "Kappa (stream only)" : "Lambda (batch + stream)", pipeline == Pipeline.LAMBDA
                                    ? "reprocessing " + number(r.volume().retention().silverDays()) + " d of history through the stream needs the log kept that long"
                                    : "two code paths (batch and stream) that must agree, twice the tests"))));
        }
        return out;
    }

    private static ServiceChoice warehouse(Requirements r, Decisions d, CapacityPlan c, Calibration cal) {
        Warehouse w = d.get(Knob.WAREHOUSE);
        boolean ownStore = !d.is(Knob.DASHBOARDS, DashboardStore.WAREHOUSE);
        Rejected athena = new Rejected("Athena only", (QueryLatency.meets(r, Warehouse.ATHENA, DashboardStore.WAREHOUSE) ? ""
                : "for dashboards, " + QueryLatency.missed(r, Warehouse.ATHENA, DashboardStore.WAREHOUSE) + "; ")
                + number(r.usage().dashboardQueriesPerDay()) + " dashboard queries/day pay per scan and wait for "
                + "cold starts; a warehouse with a result cache answers repeated tiles in milliseconds"
                + AlternativeCost.of(r, cal, d, Knob.WAREHOUSE, Warehouse.ATHENA));
        Rejected redshiftOnly = new Rejected("Redshift for everything", "a second copy of Silver in managed storage and nodes running 24 h, "
                + "for ad-hoc queries Athena runs in place" + AlternativeCost.of(r, cal, d, Knob.WAREHOUSE, Warehouse.REDSHIFT));
        Rejected both = new Rejected("Athena + Redshift", "a warehouse for " + number(r.usage().dashboardQueriesPerDay())
                + " dashboard queries/day is idle most of the time; Athena scans " + Quantities.size(c.dashboardBytesPerQuery) + " per tile"
                + AlternativeCost.of(r, cal, d, Knob.WAREHOUSE, Warehouse.BOTH));
        String note = "; " + d.reason(Knob.WAREHOUSE);
        return switch (w) {
            case ATHENA -> new ServiceChoice(Layer.SERVING, "Amazon Athena (SQL on Silver/Gold in place)", "Spark SQL / `alluvium sql`",
                    "pay per byte scanned: " + number(c.athenaTbPerMonth) + " TB/month with partition pruning and Parquet; no cluster"
                            + (ownStore ? "; dashboards have a store of their own (below)" : "") + note,
                    List.of(both, redshiftOnly));
            case BOTH -> new ServiceChoice(Layer.SERVING, "Amazon Athena (ad-hoc) + Amazon Redshift (Gold for dashboards)", "Spark SQL / `alluvium sql`",
                    number(r.usage().dashboardQueriesPerDay()) + " dashboard queries/day: Gold in Redshift for concurrency and cache; "
                            + "analysts keep Athena on Silver" + note, List.of(athena, redshiftOnly));
            default -> new ServiceChoice(Layer.SERVING, "Amazon Redshift", "Spark SQL / `alluvium sql`",
                    "one warehouse holds Silver and Gold; every SQL user on one engine" + note, List.of(athena, both));
        };
    }

    private static ServiceChoice serving(Decisions d, CapacityPlan c, PriceTable prices) {
        String ops = number(c.servingReadsPerSecond + c.servingWritesPerSecond) + " ops/s";
        double month = Quantities.SECONDS_PER_DAY * Quantities.DAYS_PER_MONTH;
        PriceTable.Price writes = prices.get("dynamodb_write");
        PriceTable.Price reads = prices.get("dynamodb_read");
        double dynamo = writes.charge(c.servingWritesPerSecond * month) + reads.charge(c.servingReadsPerSecond * month);
        Rejected dynamodb = new Rejected("Amazon DynamoDB On-Demand", "at " + ops + " about " + Quantities.usd(dynamo)
                + "/month in requests alone (" + writes.label() + ", " + reads.label() + ")");
        Rejected cache = new Rejected("Amazon ElastiCache for Valkey", "memory-bound and you run the nodes; at " + ops
                + " DynamoDB's per-request price is lower and it is durable");
        Rejected search = new Rejected("Amazon OpenSearch", "built for text search and log analytics; heavier than a key-value read");
        String note = "; " + d.reason(Knob.SERVING);
        PriceTable.Price valkey = prices.get(CostModel.VALKEY_NODE);
        PriceTable.Price redis = prices.get(CostModel.REDIS_OSS_NODE);
        double nodeHours = c.servingNodes * prices.hoursPerMonth();
        Rejected redisOss = new Rejected("ElastiCache for Redis OSS", "the same nodes and commands at " + redis.label() + " instead of "
                + valkey.label() + ": " + Quantities.usd(redis.charge(nodeHours) - valkey.charge(nodeHours)) + "/month more for "
                + number(c.servingNodes) + " nodes");
        return switch (d.get(Knob.SERVING)) {
            case ELASTICACHE -> new ServiceChoice(Layer.SERVING, "Amazon ElastiCache for Valkey", "redis-server (child process)",
                    ops + ": sub-millisecond reads from memory on " + number(c.servingNodes) + " nodes; Gold and the log rebuild it; "
                            + "the Valkey engine speaks the Redis protocol and its nodes cost less than Redis OSS's" + note,
                    List.of(redisOss, dynamodb, search));
            case OPENSEARCH -> new ServiceChoice(Layer.SERVING, "Amazon OpenSearch Service", "redis-server (child process) for key reads",
                    "users search text: an inverted index answers it" + note, List.of(dynamodb, cache));
            default -> new ServiceChoice(Layer.SERVING, "Amazon DynamoDB (On-Demand)", "redis-server (child process)",
                    ops + ": single-digit ms reads, durable, no servers, pay per request" + note,
                    List.of(cache, search));
        };
    }

    private static ServiceChoice orchestration(Decisions d, PriceTable prices) {
        boolean mwaa = d.is(Knob.ORCHESTRATION, Orchestration.MWAA);
        Rejected sfn = new Rejected("AWS Step Functions", "fine for a few linear jobs; backfills and cross-DAG dependencies are Airflow's strength");
        Rejected airflow = new Rejected("Amazon MWAA (Airflow)", "an environment running 24 h (about "
                + Quantities.usd(prices.get("mwaa_small").charge(prices.hoursPerMonth())) + "/month) for a handful of maintenance jobs");
        return mwaa ? new ServiceChoice(Layer.ORCHESTRATION, "Amazon MWAA (Airflow)", "Alluvium orchestrator",
                "dependencies Bronze -> Silver -> Gold -> maintenance, retries, backfills by date" + fixedNote(d, Knob.ORCHESTRATION), List.of(sfn))
                : new ServiceChoice(Layer.ORCHESTRATION, "AWS Step Functions", "Alluvium orchestrator",
                "only maintenance jobs run on a schedule; pay per state transition" + fixedNote(d, Knob.ORCHESTRATION), List.of(airflow));
    }

    private static ServiceChoice governance(Requirements r) {
        boolean pii = r.security().pii();
        return new ServiceChoice(Layer.GOVERNANCE, "AWS Glue Data Catalog" + (pii ? " + Lake Formation (column/tag access) + KMS" : ""),
                "Iceberg JDBC catalog (embedded PostgreSQL)",
                "one catalog for Spark, Flink and Athena; " + (pii ? "PII columns tagged and masked by Lake Formation, keys in KMS, CloudTrail audit; "
                        : "") + "encryption " + YamlSection.yamlName(r.security().encryption()) + ", residency " + r.security().residency(),
                List.of(new Rejected("Hive metastore on RDS", "another database to run; no Lake Formation permissions"),
                        new Rejected("Bucket policies only", "all-or-nothing per prefix: no column-level control over PII")));
    }

    private static ServiceChoice network(Decisions d, CapacityPlan c, PriceTable prices) {
        boolean endpoint = d.is(Knob.S3_ACCESS, Knob.S3Access.GATEWAY_ENDPOINT);
        String traffic = number(c.s3TrafficGbPerDay * Quantities.DAYS_PER_MONTH) + " GB/month of S3 traffic";
        PriceTable.Price natData = prices.get("nat_gateway_data");
        Rejected nat = new Rejected("S3 through a NAT gateway", traffic + " x " + natData.label() + " = "
                + Quantities.usd(natData.charge(c.s3TrafficGbPerDay * Quantities.DAYS_PER_MONTH)) + "/month, and a throughput ceiling");
        return new ServiceChoice(Layer.NETWORK, endpoint ? "VPC with an S3 gateway endpoint" : "VPC with S3 through NAT gateways",
                "local filesystem", (endpoint ? traffic + " goes to S3 through the gateway endpoint for free" : traffic + " is charged by the NAT gateway")
                + (d.get(Knob.INGESTION).kafka() ? "; MSK in 3 AZs, consumers " + (d.on(Knob.FETCH_FROM_FOLLOWER)
                ? "fetch from their AZ's replica" : "read from leaders across AZs") : "") + fixedNote(d, Knob.S3_ACCESS),
                endpoint ? List.of(nat) : List.of(new Rejected("S3 gateway endpoint", "the right answer: free, no bandwidth limit (see optimizations)")));
    }
}
