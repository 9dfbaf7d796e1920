package io.alluvium.architect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alluvium.architect.Knob.Ingestion;
import io.alluvium.architect.Knob.Orchestration;
import io.alluvium.architect.Knob.Pipeline;
import io.alluvium.architect.Knob.Serving;
import io.alluvium.architect.Knob.Warehouse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Recomputes every cost line of three designs by hand, with the list prices typed here as literals and
 * the capacity worked out from the requirements in the comments. A wrong price, a wrong unit (per 1,000
 * vs per request, GB vs TB) or a missing or extra line fails.
 */
class CostLinesByHandTest {
    private static final double H = 730;
    private static final double S3_PUT = 0.005 / 1000;
    private static final double S3_GET = 0.0004 / 1000;

    private static void assertLines(MonthlyCost cost, Map<String, Double> expected) {
        Map<String, Double> actual = new LinkedHashMap<>();
        cost.lines().forEach(l -> actual.put(l.id(), l.usd()));
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((id, usd) -> assertThat(actual.get(id)).as(id).isCloseTo(usd, within(1e-6 * Math.max(1, Math.abs(usd)))));
        assertThat(cost.total()).isCloseTo(expected.values().stream().mapToDouble(Double::doubleValue).sum(), within(1e-6 * cost.total()));
    }

    @Test
    void q4AfterBatchOnSpotGravitonClusters() {
        Design d = Fixtures.design("q4-spark-cost-after.yaml");
        assertThat(d.decisions().get(Knob.INGESTION)).isEqualTo(Ingestion.S3_DIRECT);
        assertThat(d.decisions().get(Knob.WAREHOUSE)).isEqualTo(Warehouse.ATHENA);
        assertThat(d.decisions().get(Knob.SERVING)).isEqualTo(Serving.NONE);
        // 20 TB/day of 1 KB = 2e10 events; 1.5 passes = 3e10 rows; 1 run/day in 3 h at 25,000 rows/s/core:
        // cores = ceil(3e10 / (25,000 x 10,800)) = 112; nodes = ceil(112 / 16) = 7, each billed 3 h + 8 min start-up a day.
        double runHours = 3 + 8 / 60.0;
        double workers = 7 * runHours * 30 * 0.6528;
        // Storage: Bronze 5 TB/day x 90 d = 450,000 GB (30 d standard = 150,000; 300,000 Glacier IR);
        // Silver 2.4 TB/day x 180 d = 432,000 GB (72,000 standard; 360,000 IA); Gold 120 GB/day x 730 d = 87,600 GB standard.
        double standard = 150_000 + 72_000 + 87_600;
        double blended = (50_000 * 0.023 + (standard - 50_000) * 0.022) / standard;
        // Files/day: landed max(200 x 86,400 / 600, 5 TB / 100 MB) = 50,000; Silver ceil(2.4 TB / 256 MB) = 9,375;
        // Gold max(1, ceil(120 GB / 256 MB)) = 469; compacted ceil(5 TB / 256 MB) = 19,532; commits 1 + 2 + 3 = 6 -> 18 metadata files.
        double puts = 50_000 + 9_375 + 469 + 19_532 + 18;
        double gets = 50_000 * 2 + 9_375 + 469;
        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("emr.ec2_workers", workers);
        expected.put("emr.spot_saving", -0.60 * workers);
        expected.put("emr.ec2_primary", runHours * 30 * 0.6528);
        expected.put("emr.fee", (7 + 1) * runHours * 30 * 0.1632);
        expected.put("s3.bronze.standard", 150_000 * blended);
        expected.put("s3.silver.standard", 72_000 * blended);
        expected.put("s3.gold.standard", 87_600 * blended);
        expected.put("s3.bronze.glacier_ir", 300_000 * 0.004);
        expected.put("s3.silver.standard_ia", 360_000 * 0.0125);
        expected.put("s3.put", puts * 30 * S3_PUT);
        expected.put("s3.get", gets * 30 * S3_GET);
        expected.put("mwaa.environment", H * 0.49);
        expected.put("glue_catalog.requests", 0.0); // 6 commits x 30 = 180 requests, inside the free million
        assertLines(d.cost(), expected);
    }

    @Test
    void streamingOnMskFlinkAndDynamoDb() {
        Requirements r = Fixtures.parse("""
                name: streaming by hand
                volume: {events_per_s: 10000, event_size: 1 KB, peak_factor: 2, retention: {log: 7 d, bronze: 30 d, silver: 30 d, gold: 30 d}}
                velocity: {mode: streaming, latency: 1 s}
                users: {patterns: [point_lookups], point_lookups_per_s: 2000}
                choices: {ingestion: msk, batch_compute: emr_serverless, serving: dynamodb, warehouse: athena, cpu: graviton,
                          fetch_from_follower: false, lifecycle_tiers: false, s3_access: gateway_endpoint}
                """);
        Design d = Architect.design(r, Calibration.defaults());
        assertThat(d.decisions().get(Knob.PIPELINE)).isEqualTo(Pipeline.KAPPA);
        assertThat(d.decisions().get(Knob.ORCHESTRATION)).isEqualTo(Orchestration.STEP_FUNCTIONS);
        // 10,000 events/s x 1 KB = 10 MB/s (864 GB/day); peak 20 MB/s and 20,000 events/s.
        // Flink: ceil(20,000 x 1.5 / 20,000) = 2 slots per job, 2 jobs + 2 orchestration KPUs = 6 KPUs.
        // Partitions max(ceil(20 x 1.5 / 10) = 3, 2, 6) = 6; brokers max(ceil(20 x 3 / 50) = 2, 1, 3) = 3.
        // Brokers keep producer batches as sent: zstd at the default ratio 0.3.
        double mskGb = 10 * 0.3 * 86_400 * 7 * 3 / 1000.0;
        // Kappa: Spark 0.5 pass over 8.64e8 events = 4.32e8 rows / 25,000 / 3,600 = 4.8 core-hours/day.
        double vcpuHours = 4.8 * 30;
        // Bronze 216 GB/day, Silver 103.68, Gold 5.184; 30 d each, all S3 Standard (no tiers): 9,745.92 GB < 50 TB.
        double standardRate = 0.023;
        // Files/day: 2 writers x 1,440 checkpoints = 2,880; Silver ceil(103.68 GB / 256 MB) = 405; Gold max(24, 21) = 24;
        // compacted ceil(216 GB / 256 MB) = 844; commits 1,440 + 48 + 3 = 1,491 -> 4,473 metadata files.
        double puts = 2_880 + 405 + 24 + 844 + 4_473;
        double gets = 2_880 * 2 + 405 + 24;
        double month = 86_400 * 30;
        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("msk.brokers", 3 * H * 0.408);
        expected.put("msk.storage", mskGb * 0.10);
        expected.put("flink.kpus", 6 * H * 0.11);
        expected.put("flink.storage", 6 * 50 * 0.10);
        expected.put("emr_serverless.vcpu", vcpuHours * 0.042094);
        expected.put("emr_serverless.memory", vcpuHours * 4 * 0.004628);
        expected.put("s3.bronze.standard", 216 * 30 * standardRate);
        expected.put("s3.silver.standard", 103.68 * 30 * standardRate);
        expected.put("s3.gold.standard", 5.184 * 30 * standardRate);
        expected.put("s3.put", puts * 30 * S3_PUT);
        expected.put("s3.get", gets * 30 * S3_GET);
        expected.put("dynamodb.writes", 10_000 * month * 0.625 / 1e6);
        expected.put("dynamodb.reads", 2_000 * month * 0.125 / 1e6);
        expected.put("dynamodb.storage", 5.184 * 0.25);
        expected.put("stepfunctions.transitions", 24 * 25 * 30 * 0.025 / 1000);
        expected.put("glue_catalog.requests", 0.0);
        // 864 GB/day x 0.3 (zstd batches) x 2/3 x (1 produce + 2 consumer groups) x 30 days x 2 directions x $0.01
        expected.put("cross_az.kafka", 864 * 0.3 * 2.0 / 3 * 3 * 30 * 2 * 0.01);
        assertLines(d.cost(), expected);
    }

    @Test
    void q3RedshiftAsThePlatform() {
        Design d = Fixtures.design("q3-redshift.yaml");
        assertThat(d.decisions().get(Knob.SERVING)).isEqualTo(Serving.DYNAMODB);
        // 5 TB/day = 5e9 events x 1.5 = 7.5e9 rows; 4 runs/day of 2 h: cores = ceil(7.5e9 / 4 / (25,000 x 7,200)) = 11.
        // Bronze 1.25 TB/day x 90 d = 112,500 GB: 37,500 Standard + 75,000 Glacier IR. Silver 600 GB x 730 d + Gold 30 GB x 1,095 d in RMS
        // = 470,850 GB -> max(2, ceil(11 / 12) = 1, ceil(470,850 / 128,000 GB per node) = 4) = 4 ra3.4xlarge nodes, provisioned 730 h.
        // Files/day: max(100 x 86,400 / 600, 1.25 TB / 100 MB) = 14,400 landed; compacted ceil(1.25 TB / 256 MB) = 4,883;
        // commits 4 + 8 + 3 = 15 -> 45 metadata files; no Silver/Gold files on S3; no Athena queries.
        double puts = 14_400 + 4_883 + 45;
        double gets = 14_400 * 2;
        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("redshift.elt_nodes", 4 * H * 3.26);
        expected.put("s3.bronze.standard", 37_500 * 0.023);
        expected.put("s3.bronze.glacier_ir", 75_000 * 0.004);
        expected.put("s3.put", puts * 30 * S3_PUT);
        expected.put("s3.get", gets * 30 * S3_GET);
        expected.put("redshift.storage", (600 * 730 + 30 * 1095) * 0.024);
        // Gold 30 GB/day of 1 KB items = 3e7 writes/day; 1 day online = 30 GB.
        expected.put("dynamodb.writes", 3e7 * 30 * 0.625 / 1e6);
        expected.put("dynamodb.storage", 30 * 0.25);
        expected.put("mwaa.environment", H * 0.49);
        expected.put("glue_catalog.requests", 0.0); // (15 + 3,400 x 5) x 30 = 510,450 < 1,000,000 free
        assertLines(d.cost(), expected);
    }

    @Test
    void natGatewayProcessingIsChargedPerGbOfS3Traffic() {
        Design d = Fixtures.design("q4-spark-cost-before.yaml");
        // JSON Silver (ratio 1.0), no compaction: Bronze 5 TB x 2 + Silver 20 TB x 1.5 + Gold 1 TB = 41 TB/day through NAT.
        assertThat(d.cost().line("nat.data")).isCloseTo(41_000 * 30 * 0.045, within(1e-6));
        assertThat(d.cost().line("nat.hours")).isCloseTo(3 * H * 0.045, within(1e-9));
    }
}
