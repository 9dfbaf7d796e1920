package io.alluvium.architect;

import static org.assertj.core.api.Assertions.assertThat;

import io.alluvium.architect.Bottleneck.Kind;
import io.alluvium.architect.Knob.BatchCompute;
import io.alluvium.architect.Knob.Ingestion;
import io.alluvium.architect.Knob.Pipeline;
import io.alluvium.architect.Knob.Serving;
import io.alluvium.architect.Knob.TableFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every shipped example designs without error, and the conclusions each one exists to show hold. */
class ExamplesTest {

    private static List<Kind> kinds(Design d) {
        return d.bottlenecks().stream().map(Bottleneck::kind).toList();
    }

    @Test
    void everyExampleDesignsAndPrintsEverySection() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Fixtures.EXAMPLES)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(11);
        for (Path f : files) {
            Fixtures.Run run = Fixtures.run(f.toString());
            assertThat(run.exitCode()).as(f + ": " + run.err()).isZero();
            assertThat(run.out()).contains("## 1. Requirements", "## 2. Layers", "## 3. Capacity", "## 4. Cost per month", "## 5. Bottlenecks",
                    "## 6. Optimizations", "## 7. Failure model", "## 8. Evolution", "from documented defaults");
        }
    }

    @Test
    void q1LogsLandOnS3WithoutKafkaAndMeetTheBudget() {
        Design d = Fixtures.design("q1-100tb-logs.yaml");
        assertThat(d.decisions().get(Knob.INGESTION)).isEqualTo(Ingestion.S3_DIRECT);
        assertThat(d.capacity().value("events_per_s_avg")).isCloseTo(1_157_407.4, org.assertj.core.api.Assertions.within(0.1));
        assertThat(d.cost().total()).isLessThan(d.requirements().budgetUsdPerMonth().getAsDouble());
        // 20,000 hosts uploading every 10 minutes: the driver must plan too many files per run.
        assertThat(kinds(d)).contains(Kind.DRIVER_MEMORY);
        assertThat(d.services().get(0).rejected()).extracting(ServiceChoice.Rejected::alternative).contains("Amazon MSK (Kafka)");
    }

    @Test
    void q2FraudDetectionStreamsThroughKafkaAndFlinkIntoAServingStore() {
        Design d = Fixtures.design("q2-fraud-detection.yaml");
        assertThat(d.decisions().get(Knob.INGESTION)).isEqualTo(Ingestion.MSK);
        assertThat(d.decisions().get(Knob.PIPELINE)).isEqualTo(Pipeline.LAMBDA);
        assertThat(d.decisions().get(Knob.SERVING)).isIn(Knob.Serving.DYNAMODB, Knob.Serving.ELASTICACHE);
        assertThat(d.services()).extracting(ServiceChoice::service).contains("Amazon Managed Service for Apache Flink");
        assertThat(d.cost().line("msk_connect.cdc")).isPositive();
        assertThat(d.failureModel().failures()).filteredOn(f -> f.component().equals("Flink jobs")).singleElement()
                .satisfies(f -> assertThat(f.meetsSla()).isTrue());
    }

    @Test
    void q3RedshiftAsThePlatformCouplesComputeAndCannotHoldTheData() {
        Comparison c = new Comparison(Fixtures.design("q3-s3-spark.yaml"), Fixtures.design("q3-redshift.yaml"));
        assertThat(kinds(c.b())).contains(Kind.IDLE_CLUSTER, Kind.DATA_VARIETY);
        assertThat(kinds(c.a())).doesNotContain(Kind.IDLE_CLUSTER, Kind.DATA_VARIETY);
        // Silver in warehouse storage costs more than Silver in S3 with lifecycle tiers.
        assertThat(c.b().cost().byLayer().get(Layer.STORAGE)).isGreaterThan(c.a().cost().byLayer().get(Layer.STORAGE));
        // ... and the gap grows with the data.
        Calibration cal = Calibration.defaults();
        double lakeAt10x = Sizing.of(c.a().requirements().withVolumeScaled(10), cal).cost().total();
        double warehouseAt10x = Sizing.of(c.b().requirements().withVolumeScaled(10), cal).cost().total();
        assertThat(warehouseAt10x).isGreaterThan(lakeAt10x);
        assertThat(c.decisionRows()).extracting(row -> row.get(0)).contains("batch_compute", "warehouse");
    }

    @Test
    void q4AfterCutsTheBillByHalfWithItemizedSavings() {
        Comparison c = new Comparison(Fixtures.design("q4-spark-cost-before.yaml"), Fixtures.design("q4-spark-cost-after.yaml"));
        assertThat(-c.differencePercent()).isGreaterThanOrEqualTo(50);
        double sparkBefore = c.a().cost().byLayer().get(Layer.PROCESSING) + c.a().cost().byLayer().getOrDefault(Layer.NETWORK, 0.0);
        double sparkAfter = c.b().cost().byLayer().get(Layer.PROCESSING) + c.b().cost().byLayer().getOrDefault(Layer.NETWORK, 0.0);
        assertThat(sparkAfter).isLessThanOrEqualTo(sparkBefore * 0.5);
        assertThat(c.lineDeltas()).extracting(Comparison.LineDelta::id).contains("nat.data", "emr.ec2_workers", "emr.fee", "emr.spot_saving");
        // The before design proposes the same moves, each re-costed, and their sum reaches the after design.
        Design before = c.a();
        assertThat(before.optimizations()).extracting(Optimization::name)
                .contains("purchase: on_demand -> spot", "cluster: always_on -> ephemeral", "s3_access: nat_gateway -> gateway_endpoint");
        Optimization all = before.optimizations().stream().filter(o -> o.name().startsWith("All of the above")).findFirst().orElseThrow();
        assertThat(all.savingsPercent()).isGreaterThanOrEqualTo(50);
    }

    @Test
    void q5FailingLakeIsDiagnosedFromSymptomsToMigrationSteps() {
        Design d = Fixtures.design("q5-failing-lake.yaml");
        Diagnosis x = d.diagnosis().orElseThrow();
        assertThat(x.findings()).hasSize(6).allSatisfy(f -> assertThat(f.causes()).isNotEmpty());
        assertThat(x.findings().get(0).causes()).anyMatch(c -> c.startsWith("Small files"));
        assertThat(kinds(d)).contains(Kind.SMALL_FILES, Kind.DRIVER_MEMORY, Kind.NAT_TRAFFIC, Kind.IDLE_CLUSTER, Kind.PII_EXPOSURE);
        assertThat(x.targetChanges()).containsEntry(Knob.TABLE_FORMAT, Knob.TableFormat.ICEBERG).containsEntry(Knob.COMPACTION, Knob.Flag.TRUE)
                .containsEntry(Knob.S3_ACCESS, Knob.S3Access.GATEWAY_ENDPOINT);
        assertThat(x.costTarget()).isLessThan(x.costNow() * 0.5);
        assertThat(x.migrationSteps().get(0)).startsWith("s3_access nat_gateway -> gateway_endpoint");
        assertThat(x.migrationSteps().get(1)).startsWith("table_format hive -> iceberg");
        assertThat(x.migrationSteps()).last().asString().startsWith("verify");
    }

    @Test
    void batch50TbUsesSparkClustersAndNamesTheHotPartition() {
        Design d = Fixtures.design("batch-50tb.yaml");
        assertThat(d.decisions().get(Knob.BATCH_COMPUTE)).isEqualTo(BatchCompute.EMR);
        // CDC needs a Kafka log; at 50 TB/day Express brokers are the cheaper kind of it.
        assertThat(d.decisions().get(Knob.INGESTION)).isEqualTo(Ingestion.MSK_EXPRESS);
        assertThat(kinds(d)).contains(Kind.HOT_PARTITION);
        assertThat(d.bottlenecks()).allSatisfy(b -> assertThat(b.threshold()).isNotBlank());
    }

    @Test
    void streamingAtMillionsPerSecondHitsQuotasAndCrossAzCosts() {
        Design d = Fixtures.design("streaming-millions.yaml");
        assertThat(d.decisions().get(Knob.PIPELINE)).isEqualTo(Pipeline.KAPPA);
        assertThat(d.decisions().get(Knob.SERVING)).isEqualTo(Serving.ELASTICACHE);
        assertThat(d.capacity().value("kafka_partitions")).isGreaterThanOrEqualTo(300);
        assertThat(kinds(d)).contains(Kind.CONCURRENCY_LIMIT, Kind.HOT_PARTITION);
    }

    @Test
    void lakehouseKeepsOneIcebergCopyForBiMlAndApis() {
        Design d = Fixtures.design("lakehouse.yaml");
        assertThat(d.decisions().get(Knob.TABLE_FORMAT)).isEqualTo(TableFormat.ICEBERG);
        assertThat(d.decisions().fixedByRequirements(Knob.TABLE_FORMAT)).isTrue();
        assertThat(d.services()).filteredOn(s -> s.layer() == Layer.STORAGE).singleElement()
                .satisfies(s -> assertThat(s.rejected()).extracting(ServiceChoice.Rejected::alternative).contains("Delta Lake", "Apache Hudi"));
        assertThat(d.failureModel().failures()).anyMatch(f -> f.recovery().contains("time travel"));
    }

    @Test
    void lambdaIsChosenForHybridAndKappaRemovesTheBatchPass() {
        Design lambda = Fixtures.design("lambda-vs-kappa.yaml");
        assertThat(lambda.decisions().get(Knob.PIPELINE)).isEqualTo(Pipeline.LAMBDA);
        Design kappa = Architect.design(lambda.requirements().withChoices(java.util.Map.of(Knob.PIPELINE, Knob.Pipeline.KAPPA)), Calibration.defaults());
        assertThat(kappa.capacity().sparkRowsPerDay).isLessThan(lambda.capacity().sparkRowsPerDay);
        assertThat(lambda.services()).anyMatch(s -> s.rejected().stream().anyMatch(x -> x.alternative().startsWith("Kappa")));
    }
}
