package io.alluvium.architect;

import static io.alluvium.architect.Formula.inSizeUnit;
import static io.alluvium.architect.Formula.of;
import static io.alluvium.architect.Quantities.DAYS_PER_MONTH;
import static io.alluvium.architect.Quantities.SECONDS_PER_DAY;
import static io.alluvium.architect.Quantities.number;

import io.alluvium.architect.Knob.BatchCompute;
import io.alluvium.architect.Knob.Cpu;
import io.alluvium.architect.Knob.Ingestion;
import io.alluvium.architect.Knob.Orchestration;
import io.alluvium.architect.Knob.Purchase;
import io.alluvium.architect.Knob.Serving;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns capacity into a monthly bill with the region's {@link PriceTable}: per-day quantities x 30,
 * per-hour resources x the table's hours per month (730). Exists so that each trap (NAT data
 * processing, cross-AZ bytes, small-file requests, full scans, idle clusters) is a line with a number. Each
 * line's quantity is a {@link Formula} in the price's unit, printed from the figures it multiplies.
 */
final class CostModel {
    /** MSK Connect workers running Debezium when a source is CDC. */
    static final double CDC_MCUS = 2;
    /** One NAT gateway per AZ. */
    static final double NAT_GATEWAYS = 3;
    /** One customer managed key per layer. */
    static final double KMS_KEYS = 3;
    /** ElastiCache runs the Valkey engine: the same nodes and API as Redis OSS, priced lower (see the price table). */
    static final String VALKEY_NODE = "elasticache_valkey_r6g_large";
    static final String REDIS_OSS_NODE = "elasticache_redis_oss_r6g_large";
    /** Real-time OLAP servers (Apache Pinot) run on memory-optimized Graviton instances. */
    static final String OLAP_NODE = "ec2_r7g_2xlarge";
    /** A Glue DPU is 4 vCPU and 16 GB. */
    static final double GLUE_VCPU_PER_DPU = 4;

    private final PriceTable prices;
    private final List<CostLine> lines = new ArrayList<>();

    private CostModel(PriceTable prices) {
        this.prices = prices;
    }

    static MonthlyCost estimate(Requirements r, Decisions d, CapacityPlan c, PriceTable prices) {
        CostModel m = new CostModel(prices);
        m.ingestion(r, d, c);
        m.processing(d, c);
        m.storage(c);
        m.serving(d, c);
        m.orchestration(d, c);
        m.governance(r, c);
        m.network(d, c);
        return new MonthlyCost(List.copyOf(m.lines));
    }

    private Formula hours() {
        return of(prices.hoursPerMonth(), "h/month");
    }

    private static Formula days() {
        return of(DAYS_PER_MONTH, "d");
    }

    private void ingestion(Requirements r, Decisions d, CapacityPlan c) {
        boolean express = d.is(Knob.INGESTION, Ingestion.MSK_EXPRESS);
        String broker = express ? "msk_express_m7g_xlarge" : d.is(Knob.CPU, Cpu.GRAVITON) ? "msk_m7g_xlarge" : "msk_m5_xlarge";
        line("msk.brokers", Layer.INGESTION, "brokers", of(c.brokers, "brokers").times(hours()), broker);
        line("msk.storage", Layer.INGESTION, "broker storage", inSizeUnit(c.mskStorageGb, "GB"), express ? "msk_express_storage" : "msk_storage");
        line("msk.written", Layer.INGESTION, "data written to Express brokers", inSizeUnit(c.mskWrittenGbPerMonth, "GB"), "msk_express_written");
        if (d.get(Knob.INGESTION).kafka() && r.variety().contains(Requirements.DataKind.CDC)) {
            line("msk_connect.cdc", Layer.INGESTION, "Debezium CDC workers", of(CDC_MCUS, "MCU").times(hours()), "msk_connect_mcu");
        }
        line("kinesis.shards", Layer.INGESTION, "shards", of(c.kinesisShards, "shards").times(hours()), "kinesis_shard");
        line("kinesis.put_units", Layer.INGESTION, "PUT payload units", of(c.kinesisPutUnitsPerMonth, "units"), "kinesis_put_units");
        if (d.is(Knob.INGESTION, Ingestion.KINESIS_ON_DEMAND)) {
            line("kinesis.stream", Layer.INGESTION, "on-demand stream", of(1, "stream").times(hours()), "kinesis_on_demand_stream");
            line("kinesis.data_in", Layer.INGESTION, "on-demand data ingested", inSizeUnit(c.kinesisInGbPerMonth, "GB"), "kinesis_on_demand_in");
            line("kinesis.data_out", Layer.INGESTION, "on-demand data retrieved", inSizeUnit(c.kinesisOutGbPerMonth, "GB"), "kinesis_on_demand_out");
        }
    }

    private void processing(Decisions d, CapacityPlan c) {
        Formula kpus = of(c.flinkKpus, "KPU");
        line("flink.kpus", Layer.PROCESSING, "Flink KPUs", kpus.times(hours()), "flink_kpu");
        line("flink.storage", Layer.PROCESSING, "Flink running storage", kpus.times(inSizeUnit(CapacityPlan.FLINK_STORAGE_GB_PER_KPU, "GB per KPU")),
                "flink_running_storage");
        boolean graviton = d.is(Knob.CPU, Cpu.GRAVITON);
        String instance = graviton ? "m7g_4xlarge" : "m5_4xlarge";
        Formula workerHours = of(c.emrWorkerHoursPerDay, "instance-hours/day").times(days());
        Formula primaryHours = of(c.emrPrimaryHoursPerDay, "h/day").times(days());
        double workers = line("emr.ec2_workers", Layer.PROCESSING, "EC2 worker nodes", workerHours, "ec2_" + instance);
        if (d.is(Knob.PURCHASE, Purchase.SPOT) && workers > 0) {
            CostLine spot = priced("emr.spot_saving", Layer.PROCESSING, "Spot saving on worker nodes (negative)",
                    of(workers, "USD of worker EC2"), "ec2_spot_saving");
            lines.add(new CostLine(spot.id(), spot.layer(), spot.service(), spot.item(), spot.quantityFormula(), spot.unit(),
                    spot.priceId(), spot.priceLabel(), -spot.usd()));
        }
        line("emr.ec2_primary", Layer.PROCESSING, "EC2 primary node (On-Demand)", primaryHours, "ec2_" + instance);
        line("emr.fee", Layer.PROCESSING, "EMR fee (not discounted by Spot)", workerHours.plus(primaryHours), "emr_" + instance);
        String arch = graviton ? "arm" : "x86";
        if (d.is(Knob.BATCH_COMPUTE, BatchCompute.EMR_SERVERLESS)) {
            Formula vcpuHours = of(c.sparkCoreHoursPerDay, "core-hours/day").times(days());
            line("emr_serverless.vcpu", Layer.PROCESSING, "vCPU", vcpuHours, "emr_serverless_vcpu_" + arch);
            line("emr_serverless.memory", Layer.PROCESSING, "memory", vcpuHours.times(inSizeUnit(CapacityPlan.SERVERLESS_GB_PER_VCPU, "GB per vCPU")),
                    "emr_serverless_gb_" + arch);
        }
        if (d.is(Knob.BATCH_COMPUTE, BatchCompute.GLUE)) {
            line("glue.dpu", Layer.PROCESSING, "Glue DPUs", of(c.sparkCoreHoursPerDay, "core-hours/day").times(days())
                    .over(of(GLUE_VCPU_PER_DPU, "vCPU per DPU")), "glue_dpu");
        }
        line("redshift.elt_nodes", Layer.PROCESSING, "ELT nodes", of(c.redshiftEltNodes, "nodes").times(hours()), "redshift_ra3_4xlarge");
    }

    private void storage(CapacityPlan c) {
        double standard = c.bronzeStandardGb + c.silverStandardGb + c.goldStandardGb;
        PriceTable.Price s3 = prices.get("s3_standard");
        double blended = standard > 0 ? s3.charge(standard) / standard : s3.usd();
        standardLine("s3.bronze.standard", "Bronze in S3 Standard", c.bronzeStandardGb, blended, standard);
        standardLine("s3.silver.standard", "Silver in S3 Standard", c.silverStandardGb, blended, standard);
        standardLine("s3.gold.standard", "Gold in S3 Standard", c.goldStandardGb, blended, standard);
        line("s3.bronze.glacier_ir", Layer.STORAGE, "Bronze in Glacier Instant Retrieval", inSizeUnit(c.bronzeColdGb, "GB"), "s3_glacier_ir");
        line("s3.silver.standard_ia", Layer.STORAGE, "Silver in Standard-IA", inSizeUnit(c.silverColdGb, "GB"), "s3_standard_ia");
        line("s3.put", Layer.STORAGE, "PUT requests", of(c.putRequestsPerDay, "requests/day").times(days()), "s3_put");
        line("s3.get", Layer.STORAGE, "GET requests", of(c.getRequestsPerDay, "requests/day").times(days()), "s3_get");
        line("redshift.storage", Layer.STORAGE, "managed storage", inSizeUnit(c.redshiftStorageGb, "GB"), "redshift_managed_storage");
    }

    private void standardLine(String id, String item, double gb, double blended, double totalStandard) {
        if (gb <= 0) {
            return;
        }
        PriceTable.Price s3 = prices.get("s3_standard");
        lines.add(new CostLine(id, Layer.STORAGE, s3.service(), item, inSizeUnit(gb, "GB"), s3.unit(), s3.id(),
                Quantities.usdPrice(blended) + " per GB-month (tiers blended over " + number(totalStandard) + " GB in Standard)", gb * blended));
    }

    private void serving(Decisions d, CapacityPlan c) {
        line("athena.scan", Layer.SERVING, "TB scanned", inSizeUnit(c.athenaTbPerMonth, "TB"), "athena_scan");
        line("redshift.nodes", Layer.SERVING, "warehouse nodes", of(c.redshiftServingNodes, "nodes").times(hours()), "redshift_ra3_4xlarge");
        if (d.is(Knob.SERVING, Serving.DYNAMODB)) {
            Formula month = of(SECONDS_PER_DAY, "s/day").times(days());
            line("dynamodb.writes", Layer.SERVING, "writes", of(c.servingWritesPerSecond, "writes/s").times(month), "dynamodb_write");
            line("dynamodb.reads", Layer.SERVING, "reads", of(c.servingReadsPerSecond, "reads/s").times(month), "dynamodb_read");
            line("dynamodb.storage", Layer.SERVING, "storage", inSizeUnit(c.servingGb, "GB"), "dynamodb_storage");
        }
        line("olap.nodes", Layer.SERVING, "real-time OLAP servers (Apache Pinot)", of(c.olapNodes, "nodes").times(hours()), OLAP_NODE);
        line("olap.storage", Layer.SERVING, "OLAP segment disks", inSizeUnit(c.olapGb, "GB"), "ebs_gp3");
        line("dashboards.kv_writes", Layer.SERVING, "pre-aggregated tile writes", of(c.dashboardKvWritesPerDay, "writes/day").times(days()),
                "dynamodb_write");
        line("dashboards.kv_reads", Layer.SERVING, "pre-aggregated tile reads", of(c.dashboardKvReadsPerDay, "reads/day").times(days()),
                "dynamodb_read");
        boolean cache = d.is(Knob.SERVING, Serving.ELASTICACHE);
        line(cache ? "elasticache.nodes" : "opensearch.nodes", Layer.SERVING, "nodes", of(c.servingNodes, "nodes").times(hours()),
                cache ? VALKEY_NODE : "opensearch_r6g_large");
    }

    private void orchestration(Decisions d, CapacityPlan c) {
        if (d.is(Knob.ORCHESTRATION, Orchestration.MWAA)) {
            line("mwaa.environment", Layer.ORCHESTRATION, "Airflow environment", hours(), "mwaa_small");
        } else {
            line("stepfunctions.transitions", Layer.ORCHESTRATION, "state transitions", of(c.batchRunsPerDay, "runs/day")
                    .times(CapacityPlan.TRANSITIONS_PER_RUN, "transitions per run").times(days()), "stepfunctions_transitions");
        }
    }

    private void governance(Requirements r, CapacityPlan c) {
        Formula queries = of(r.usage().sqlQueriesPerDay(), "SQL").plus(of(r.usage().dashboardQueriesPerDay(), "dashboard queries/day"));
        line("glue_catalog.requests", Layer.GOVERNANCE, "catalog requests", of(c.commitsPerDay, "commits/day")
                .plus(queries.times(CapacityPlan.CATALOG_CALLS_PER_QUERY, "calls per query")).times(days()), "glue_catalog_requests");
        if (r.security().encryption() == Requirements.Encryption.SSE_KMS) {
            line("kms.keys", Layer.GOVERNANCE, "customer managed keys", of(KMS_KEYS, "keys").note("one per layer"), "kms_key");
        }
    }

    private void network(Decisions d, CapacityPlan c) {
        if (d.is(Knob.S3_ACCESS, Knob.S3Access.NAT_GATEWAY)) {
            line("nat.hours", Layer.NETWORK, "NAT gateways", of(NAT_GATEWAYS, "gateways").times(hours()), "nat_gateway_hour");
            line("nat.data", Layer.NETWORK, "S3 traffic processed by NAT", inSizeUnit(c.natGbPerDay, "GB/day").times(days()), "nat_gateway_data");
        }
        line("cross_az.kafka", Layer.NETWORK, "Kafka client traffic across AZs", inSizeUnit(c.crossAzGbPerDay, "GB/day").times(days())
                .times(of(2, "directions")), "inter_az_transfer");
    }

    /** Adds a line for a positive quantity and returns its cost (0 when there is nothing to bill). */
    private double line(String id, Layer layer, String item, Formula quantity, String priceId) {
        if (quantity.value() <= 0) {
            return 0;
        }
        CostLine l = priced(id, layer, item, quantity, priceId);
        lines.add(l);
        return l.usd();
    }

    private CostLine priced(String id, Layer layer, String item, Formula quantity, String priceId) {
        PriceTable.Price p = prices.get(priceId);
        return new CostLine(id, layer, p.service(), item, quantity, p.unit(), p.id(), p.label(),
                p.charge(quantity.value() / Quantities.unitScale(p.unit())));
    }
}
