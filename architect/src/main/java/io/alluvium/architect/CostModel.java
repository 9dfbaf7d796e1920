package io.alluvium.architect;

import static io.alluvium.architect.Quantities.DAYS_PER_MONTH;
import static io.alluvium.architect.Quantities.SECONDS_PER_DAY;
import static io.alluvium.architect.Quantities.number;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns capacity into a monthly bill with the region's {@link PriceTable}: per-day quantities x 30,
 * per-hour resources x the table's hours per month (730). Exists so that each trap (NAT data
 * processing, cross-AZ bytes, small-file requests, full scans, idle clusters) is a line with a number.
 */
final class CostModel {
    /** MSK Connect workers running Debezium when a source is CDC. */
    static final double CDC_MCUS = 2;
    /** One NAT gateway per AZ. */
    static final double NAT_GATEWAYS = 3;
    /** One customer managed key per layer. */
    static final double KMS_KEYS = 3;

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

    private void ingestion(Requirements r, Decisions d, CapacityPlan c) {
        double hours = prices.hoursPerMonth();
        String broker = d.is(Knob.CPU, "graviton") ? "msk_m7g_xlarge" : "msk_m5_xlarge";
        line("msk.brokers", Layer.INGESTION, "brokers", c.brokers * hours, broker, number(c.brokers) + " brokers x " + number(hours) + " h");
        line("msk.storage", Layer.INGESTION, "broker storage", c.mskStorageGb, "msk_storage", number(c.mskStorageGb) + " GB");
        if (d.is(Knob.INGESTION, "msk") && r.variety().contains(Requirements.DataKind.CDC)) {
            line("msk_connect.cdc", Layer.INGESTION, "Debezium CDC workers", CDC_MCUS * hours, "msk_connect_mcu",
                    number(CDC_MCUS) + " MCU x " + number(hours) + " h");
        }
        line("kinesis.shards", Layer.INGESTION, "shards", c.kinesisShards * hours, "kinesis_shard",
                number(c.kinesisShards) + " shards x " + number(hours) + " h");
        line("kinesis.put_units", Layer.INGESTION, "PUT payload units", c.kinesisPutUnitsPerMonth, "kinesis_put_units",
                number(c.kinesisPutUnitsPerMonth) + " units");
    }

    private void processing(Decisions d, CapacityPlan c) {
        double hours = prices.hoursPerMonth();
        line("flink.kpus", Layer.PROCESSING, "Flink KPUs", c.flinkKpus * hours, "flink_kpu", number(c.flinkKpus) + " KPU x " + number(hours) + " h");
        line("flink.storage", Layer.PROCESSING, "Flink running storage", c.flinkKpus * CapacityPlan.FLINK_STORAGE_GB_PER_KPU, "flink_running_storage",
                number(c.flinkKpus) + " KPU x " + number(CapacityPlan.FLINK_STORAGE_GB_PER_KPU) + " GB");
        boolean graviton = d.is(Knob.CPU, "graviton");
        String instance = graviton ? "m7g_4xlarge" : "m5_4xlarge";
        double workerHours = c.emrWorkerHoursPerDay * DAYS_PER_MONTH;
        double primaryHours = c.emrPrimaryHoursPerDay * DAYS_PER_MONTH;
        double workers = line("emr.ec2_workers", Layer.PROCESSING, "EC2 worker nodes", workerHours, "ec2_" + instance,
                number(c.emrWorkerHoursPerDay) + " instance-hours/day x 30");
        if (d.is(Knob.PURCHASE, "spot") && workers > 0) {
            CostLine spot = priced("emr.spot_saving", Layer.PROCESSING, "Spot saving on worker nodes (negative)", workers, "ec2_spot_saving",
                    "-" + Quantities.usd(workers) + " of worker EC2");
            lines.add(new CostLine(spot.id(), spot.layer(), spot.service(), spot.item(), spot.quantity(), spot.unit(),
                    spot.priceId(), spot.priceLabel(), -spot.usd(), spot.formula()));
        }
        line("emr.ec2_primary", Layer.PROCESSING, "EC2 primary node (On-Demand)", primaryHours, "ec2_" + instance,
                number(c.emrPrimaryHoursPerDay) + " h/day x 30");
        line("emr.fee", Layer.PROCESSING, "EMR fee (not discounted by Spot)", workerHours + primaryHours, "emr_" + instance,
                "(" + number(workerHours) + " + " + number(primaryHours) + ") instance-hours");
        double serverlessHours = d.is(Knob.BATCH_COMPUTE, "emr_serverless") ? c.sparkCoreHoursPerDay * DAYS_PER_MONTH : 0;
        String arch = graviton ? "arm" : "x86";
        line("emr_serverless.vcpu", Layer.PROCESSING, "vCPU", serverlessHours, "emr_serverless_vcpu_" + arch,
                number(c.sparkCoreHoursPerDay) + " core-hours/day x 30");
        line("emr_serverless.memory", Layer.PROCESSING, "memory", serverlessHours * CapacityPlan.SERVERLESS_GB_PER_VCPU,
                "emr_serverless_gb_" + arch, number(serverlessHours) + " vCPU-hours x " + number(CapacityPlan.SERVERLESS_GB_PER_VCPU) + " GB");
        double dpuHours = d.is(Knob.BATCH_COMPUTE, "glue") ? c.sparkCoreHoursPerDay * DAYS_PER_MONTH / 4 : 0;
        line("glue.dpu", Layer.PROCESSING, "Glue DPUs", dpuHours, "glue_dpu", number(c.sparkCoreHoursPerDay) + " core-hours/day x 30 / 4 vCPU per DPU");
        line("redshift.elt_nodes", Layer.PROCESSING, "ELT nodes", c.redshiftEltNodes * hours, "redshift_ra3_4xlarge",
                number(c.redshiftEltNodes) + " nodes x " + number(hours) + " h");
    }

    private void storage(CapacityPlan c) {
        double standard = c.bronzeStandardGb + c.silverStandardGb + c.goldStandardGb;
        PriceTable.Price s3 = prices.get("s3_standard");
        double blended = standard > 0 ? s3.charge(standard) / standard : s3.usd();
        standardLine("s3.bronze.standard", "Bronze in S3 Standard", c.bronzeStandardGb, blended, standard);
        standardLine("s3.silver.standard", "Silver in S3 Standard", c.silverStandardGb, blended, standard);
        standardLine("s3.gold.standard", "Gold in S3 Standard", c.goldStandardGb, blended, standard);
        line("s3.bronze.glacier_ir", Layer.STORAGE, "Bronze in Glacier Instant Retrieval", c.bronzeColdGb, "s3_glacier_ir", number(c.bronzeColdGb) + " GB");
        line("s3.silver.standard_ia", Layer.STORAGE, "Silver in Standard-IA", c.silverColdGb, "s3_standard_ia", number(c.silverColdGb) + " GB");
        line("s3.put", Layer.STORAGE, "PUT requests", c.putRequestsPerDay * DAYS_PER_MONTH, "s3_put", number(c.putRequestsPerDay) + "/day x 30");
        line("s3.get", Layer.STORAGE, "GET requests", c.getRequestsPerDay * DAYS_PER_MONTH, "s3_get", number(c.getRequestsPerDay) + "/day x 30");
        line("redshift.storage", Layer.STORAGE, "managed storage", c.redshiftStorageGb, "redshift_managed_storage", number(c.redshiftStorageGb) + " GB");
    }

    private void standardLine(String id, String item, double gb, double blended, double totalStandard) {
        if (gb <= 0) {
            return;
        }
        PriceTable.Price s3 = prices.get("s3_standard");
        lines.add(new CostLine(id, Layer.STORAGE, s3.service(), item, gb, s3.unit(), s3.id(),
                Quantities.usdPrice(blended) + " per GB-month (tiers blended over " + number(totalStandard) + " GB in Standard)",
                gb * blended, number(gb) + " GB x " + Quantities.usdPrice(blended)));
    }

    private void serving(Decisions d, CapacityPlan c) {
        double hours = prices.hoursPerMonth();
        line("athena.scan", Layer.SERVING, "TB scanned", c.athenaTbPerMonth, "athena_scan", number(c.athenaTbPerMonth) + " TB");
        line("redshift.nodes", Layer.SERVING, "warehouse nodes", c.redshiftServingNodes * hours, "redshift_ra3_4xlarge",
                number(c.redshiftServingNodes) + " nodes x " + number(hours) + " h");
        if (d.is(Knob.SERVING, "dynamodb")) {
            double month = SECONDS_PER_DAY * DAYS_PER_MONTH;
            line("dynamodb.writes", Layer.SERVING, "writes", c.servingWritesPerSecond * month, "dynamodb_write",
                    number(c.servingWritesPerSecond) + " writes/s x 86,400 x 30");
            line("dynamodb.reads", Layer.SERVING, "reads", c.servingReadsPerSecond * month, "dynamodb_read",
                    number(c.servingReadsPerSecond) + " reads/s x 86,400 x 30");
            line("dynamodb.storage", Layer.SERVING, "storage", c.servingGb, "dynamodb_storage", number(c.servingGb) + " GB");
        }
        String nodes = d.is(Knob.SERVING, "elasticache") ? "elasticache_r6g_large" : "opensearch_r6g_large";
        line(d.is(Knob.SERVING, "elasticache") ? "elasticache.nodes" : "opensearch.nodes", Layer.SERVING, "nodes",
                c.servingNodes * hours, nodes, number(c.servingNodes) + " nodes x " + number(hours) + " h");
    }

    private void orchestration(Decisions d, CapacityPlan c) {
        if (d.is(Knob.ORCHESTRATION, "mwaa")) {
            line("mwaa.environment", Layer.ORCHESTRATION, "Airflow environment", prices.hoursPerMonth(), "mwaa_small",
                    number(prices.hoursPerMonth()) + " h");
        } else {
            double transitions = c.batchRunsPerDay * CapacityPlan.TRANSITIONS_PER_RUN * DAYS_PER_MONTH;
            line("stepfunctions.transitions", Layer.ORCHESTRATION, "state transitions", transitions, "stepfunctions_transitions",
                    number(c.batchRunsPerDay) + " runs/day x " + number(CapacityPlan.TRANSITIONS_PER_RUN) + " transitions x 30");
        }
    }

    private void governance(Requirements r, CapacityPlan c) {
        line("glue_catalog.requests", Layer.GOVERNANCE, "catalog requests", c.catalogRequestsPerMonth, "glue_catalog_requests",
                number(c.catalogRequestsPerMonth) + " requests (commits + 5 per query)");
        if (r.security().encryption() == Requirements.Encryption.SSE_KMS) {
            line("kms.keys", Layer.GOVERNANCE, "customer managed keys", KMS_KEYS, "kms_key", number(KMS_KEYS) + " keys (one per layer)");
        }
    }

    private void network(Decisions d, CapacityPlan c) {
        if (d.is(Knob.S3_ACCESS, "nat_gateway")) {
            line("nat.hours", Layer.NETWORK, "NAT gateways", NAT_GATEWAYS * prices.hoursPerMonth(), "nat_gateway_hour",
                    number(NAT_GATEWAYS) + " gateways x " + number(prices.hoursPerMonth()) + " h");
            line("nat.data", Layer.NETWORK, "S3 traffic processed by NAT", c.natGbPerDay * DAYS_PER_MONTH, "nat_gateway_data",
                    number(c.natGbPerDay) + " GB/day x 30");
        }
        line("cross_az.kafka", Layer.NETWORK, "Kafka client traffic across AZs", c.crossAzGbPerDay * DAYS_PER_MONTH * 2, "inter_az_transfer",
                number(c.crossAzGbPerDay) + " GB/day x 30 x 2 directions");
    }

    /** Adds a line for a positive quantity and returns its cost (0 when there is nothing to bill). */
    private double line(String id, Layer layer, String item, double quantity, String priceId, String formula) {
        if (quantity <= 0) {
            return 0;
        }
        CostLine l = priced(id, layer, item, quantity, priceId, formula);
        lines.add(l);
        return l.usd();
    }

    private CostLine priced(String id, Layer layer, String item, double quantity, String priceId, String formula) {
        PriceTable.Price p = prices.get(priceId);
        return new CostLine(id, layer, p.service(), item, quantity, p.unit(), p.id(), p.label(), p.charge(quantity),
                formula + " x " + p.label());
    }
}
