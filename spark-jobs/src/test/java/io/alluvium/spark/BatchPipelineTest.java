package io.alluvium.spark;

import static io.alluvium.spark.Events.click;
import static io.alluvium.spark.Events.item;
import static io.alluvium.spark.Events.order;
import static io.alluvium.spark.Events.payment;
import static io.alluvium.spark.Events.with;
import static io.alluvium.spark.Events.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alluvium.config.Password;
import io.alluvium.domain.Topic;
import io.alluvium.runtime.ServingEndpoint;
import io.alluvium.spark.bench.BatchBench;
import io.alluvium.spark.bench.PipelineBenchMain;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The batch layer end to end on real Spark and Iceberg: Bronze batches with every fault the generator
 * injects, then Silver, Quarantine and Gold proved by reconciliation: invariant 2 exactly per topic,
 * quarantine per reason as planted, no duplicate event_id, Gold totals = Silver totals, reruns and
 * backfills that change nothing, and a simulated kill between the Quarantine and Silver commits.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BatchPipelineTest {
    private static SparkSession spark;
    private static BronzeFixture bronze;
    /** What was planted so far, per topic: valid distinct events, duplicates, malformed by reason. */
    private static final Map<Topic, Long> VALID = new EnumMap<>(Topic.class);
    private static final Map<Topic, Long> DUPLICATES = new EnumMap<>(Topic.class);
    private static final Map<Topic, Map<String, Long>> MALFORMED = new EnumMap<>(Topic.class);

    @BeforeAll
    static void lake() {
        spark = TestLake.spark();
        bronze = new BronzeFixture(spark, IcebergCatalogs.open(TestLake.config()));
        for (Topic t : Topic.values()) {
            VALID.put(t, 0L);
            DUPLICATES.put(t, 0L);
            MALFORMED.put(t, new java.util.TreeMap<>());
        }
    }

    @Test
    @Order(0)
    void benchRefusesBronzeWithoutData() {
        assertThatThrownBy(() -> new BatchBench(spark).run(3, true, ProgressListener.NONE))
                .isInstanceOf(io.alluvium.runtime.ChildProtocol.BadInputException.class)
                .hasMessage("bronze.clickstream holds no data: land events in Bronze first"
                        + " (alluvium generate, then alluvium stream start landing --until-caught-up)");
    }

    // ---- Bronze batch 1: days 2026-10-31 (late) .. 2026-11-02, schema v1 orders

    static final Map<String, Object> C1 = click("c1", "view", "u1", "s1", "p1", "Berlin", "web", "2026-11-01T10:00:00.000Z");
    static final Map<String, Object> C5 = click("c5", "view", "u2", "s2", "p2", "Paris", "ios", "2026-11-01T23:59:59.999Z");
    static final Map<String, Object> OE2 = order("oe2", "o1", "u1", "Berlin", List.of(item("p1", 2, "10.00")), "20.00",
            "paid", "2026-11-01T10:30:00.000Z");
    static final Map<String, Object> PE1 = payment("pe1", "pay1", "o1", "u1", "20.00", "authorized", "DE", "2026-11-01T10:29:00.000Z");

    @Test
    @Order(1)
    void firstRunSplitsBronzeIntoSilverQuarantineAndDuplicates() {
        // A Silver table made before schema v2: the run must add coupon_code, not fail.
        spark.sql("CREATE NAMESPACE IF NOT EXISTS silver");
        spark.sql("CREATE TABLE silver.orders (event_id string, order_id string, user_id string, city string,"
                + " items array<struct<product_id:string,qty:int,unit_price:decimal(18,2)>>, amount decimal(18,2),"
                + " currency string, status string, event_ts timestamp, event_day date, kafka_partition int,"
                + " kafka_offset bigint) USING iceberg PARTITIONED BY (event_day)");

        valid(Topic.CLICKSTREAM, C1);
        valid(Topic.CLICKSTREAM, click("c2", "search", "u1", "s1", null, "Berlin", "web", "2026-11-01T10:05:00.000Z"));
        valid(Topic.CLICKSTREAM, click("c3", "add_to_cart", "u1", "s1", "p1", "Berlin", "web", "2026-11-01T10:10:00.000Z"));
        valid(Topic.CLICKSTREAM, without(click("c4", "checkout", "u1", "s1", null, "Berlin", "web", "2026-11-01T10:15:00.000Z"), "product_id"));
        valid(Topic.CLICKSTREAM, C5);
        valid(Topic.CLICKSTREAM, click("c6", "view", "u2", "s3", "p3", "Paris", "android", "2026-11-02T08:00:00Z"));
        valid(Topic.CLICKSTREAM, click("c7", "view", "u3", "s4", "p1", "Madrid", "web", "2026-10-31T20:00:00.000Z")); // late
        duplicate(Topic.CLICKSTREAM, C1);
        duplicate(Topic.CLICKSTREAM, C5);
        malformedRaw(Topic.CLICKSTREAM, "{\"event_id\": \"c8\", \"event_type\": ", "bad_json");
        malformedRaw(Topic.CLICKSTREAM, "hello", "bad_json");
        malformed(Topic.CLICKSTREAM, without(click("c9", "view", "u1", "s1", "p1", "Berlin", "web", "2026-11-01T11:00:00.000Z"), "user_id"), "missing_field");
        malformed(Topic.CLICKSTREAM, without(click("c12", "view", "u1", "s1", "p1", "Berlin", "web", "2026-11-01T11:00:00.000Z"), "product_id"), "missing_field");
        malformed(Topic.CLICKSTREAM, with(click("c10", "view", "u1", "s1", "p1", "Berlin", "web", "2026-11-01T11:00:00.000Z"), "device", 5), "wrong_type");
        malformed(Topic.CLICKSTREAM, click("c13", "view", "u1", "s1", "p1", "Berlin", "web", "yesterday"), "wrong_type");
        malformed(Topic.CLICKSTREAM, click("c11", "hover", "u1", "s1", "p1", "Berlin", "web", "2026-11-01T11:00:00.000Z"), "invalid_value");

        valid(Topic.ORDERS, order("oe1", "o1", "u1", "Berlin", List.of(item("p1", 2, "10.00")), "20.00", "created", "2026-11-01T10:20:00.000Z"));
        valid(Topic.ORDERS, OE2);
        valid(Topic.ORDERS, order("oe3", "o2", "u2", "Paris", List.of(item("p2", 1, "5.50"), item("p3", 3, "1.25")), "9.25", "created", "2026-11-01T11:00:00.000Z"));
        valid(Topic.ORDERS, order("oe4", "o2", "u2", "Paris", List.of(item("p2", 1, "5.50"), item("p3", 3, "1.25")), "9.25", "cancelled", "2026-11-01T11:05:00.000Z"));
        valid(Topic.ORDERS, order("oe5", "o3", "u2", "Paris", List.of(item("p2", 1, "100")), "100", "created", "2026-11-02T09:00:00.000Z"));
        valid(Topic.ORDERS, order("oe6", "o3", "u2", "Paris", List.of(item("p2", 1, "100")), "100", "paid", "2026-11-02T09:10:00.000Z"));
        duplicate(Topic.ORDERS, OE2);
        Map<String, Object> bad = order("oe90", "o90", "u1", "Berlin", List.of(item("p1", 1, "5.00")), "5.00", "created", "2026-11-01T12:00:00.000Z");
        malformed(Topic.ORDERS, with(bad, "amount", new BigDecimal("-5.00")), "negative_amount");
        malformed(Topic.ORDERS, with(bad, "amount", "12,50"), "wrong_type");
        malformed(Topic.ORDERS, with(bad, "items", List.of(item("p1", "two", "5.00"))), "wrong_type");
        malformed(Topic.ORDERS, without(bad, "items"), "missing_field");
        malformedRaw(Topic.ORDERS, "{\"event_id\": \"oe91\"", "bad_json");
        malformed(Topic.ORDERS, with(bad, "status", "shipped"), "invalid_value");
        malformed(Topic.ORDERS, with(bad, "amount", new BigDecimal("6.00")), "invalid_value");

        valid(Topic.PAYMENTS, PE1);
        valid(Topic.PAYMENTS, payment("pe2", "pay2", "o3", "u2", "100", "authorized", "FR", "2026-11-02T09:09:00.000Z"));
        valid(Topic.PAYMENTS, payment("pe3", "pay3", "o9", "u3", "50", "declined", "ES", "2026-11-01T12:00:00.000Z"));
        duplicate(Topic.PAYMENTS, PE1);
        Map<String, Object> badPay = payment("pe90", "pay90", "o1", "u1", "1", "authorized", "DE", "2026-11-01T12:00:00.000Z");
        malformed(Topic.PAYMENTS, with(badPay, "amount", new BigDecimal("-1")), "negative_amount");
        malformed(Topic.PAYMENTS, with(badPay, "amount", "x"), "wrong_type");
        malformed(Topic.PAYMENTS, without(badPay, "card_fingerprint"), "missing_field");
        malformed(Topic.PAYMENTS, with(badPay, "status", "pending"), "invalid_value");
        bronze.commit();

        BatchRun.Result result = BatchRun.parse("all", List.of()).run(spark, ProgressListener.NONE);

        assertBalancedAsPlanted();
        for (SilverReport r : result.silver()) {
            Topic t = Topic.fromName(r.topic());
            assertThat(r.bronzeRowsRead()).isEqualTo(bronze.written(t));
            assertThat(r.silverRowsWritten()).isEqualTo(VALID.get(t));
            assertThat(r.duplicatesDropped()).isEqualTo(DUPLICATES.get(t));
            assertThat(r.quarantinedByReason()).isEqualTo(MALFORMED.get(t));
            assertThat(r.bronzeSnapshotFrom()).isNull();
        }
        assertThat(spark.table("silver.orders").columns()).contains("coupon_code");
        // every stage of the run, named by its step, with its tasks' times (docs/doctor.md, "Skew")
        assertThat(result.stages()).isNotEmpty().allSatisfy(stage -> {
            assertThat(stage.name()).matches("(silver|gold)( [a-z_]+)?: .+");
            assertThat(stage.tasks()).isPositive();
            assertThat(stage.maxTaskMs()).isGreaterThanOrEqualTo(stage.medianTaskMs());
        });
        assertThat(result.stages()).extracting(StageTaskTimes.Stage::name)
                .anyMatch(n -> n.startsWith("silver clickstream: ")).anyMatch(n -> n.startsWith("gold daily_funnel: "));
        assertThat(result.gold()).allSatisfy(g -> assertThat(g.daysRebuilt()).containsExactly(
                LocalDate.parse("2026-10-31"), LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-02")));

        Row berlin10 = spark.sql("SELECT * FROM gold.city_hourly_sales WHERE city = 'Berlin'"
                + " AND hour_start = TIMESTAMP'2026-11-01 10:00:00'").first();
        assertThat(berlin10.<Long>getAs("orders_created")).isEqualTo(1);
        assertThat(berlin10.<Long>getAs("orders_paid")).isEqualTo(1);
        assertThat(berlin10.<BigDecimal>getAs("paid_amount")).isEqualByComparingTo("20.00");
        assertThat(berlin10.<Long>getAs("distinct_buyers")).isEqualTo(1);
        assertThat(berlin10.<Long>getAs("items_sold")).isEqualTo(2);
        assertThat(berlin10.<String>getAs("country")).isEqualTo("DE");
        Row funnel = spark.sql("SELECT * FROM gold.daily_funnel WHERE event_day = DATE'2026-11-01'").first();
        assertThat(funnel.<Long>getAs("views")).isEqualTo(2);
        assertThat(funnel.<Long>getAs("checkouts")).isEqualTo(1);
        assertThat(funnel.<Double>getAs("view_to_cart_rate")).isEqualTo(0.5);
        Row u2 = spark.sql("SELECT * FROM gold.user_daily_features WHERE user_id = 'u2' AND event_day = DATE'2026-11-02'").first();
        assertThat(u2.<BigDecimal>getAs("spend")).isEqualByComparingTo("100.00");
        assertThat(u2.<String>getAs("last_device")).isEqualTo("android");
        assertGoldReconcilesWithSilver();
    }

    // ---- Bronze batch 2: duplicates of batch-1 events, schema v2 orders, a new day, a late order

    @Test
    @Order(2)
    void secondBatchIsIncrementalAndDropsDuplicatesOfEarlierBatches() {
        duplicate(Topic.CLICKSTREAM, C1);
        valid(Topic.CLICKSTREAM, click("c20", "view", "u4", "s5", "p4", "Berlin", "web", "2026-11-03T10:00:00.000Z"));
        valid(Topic.CLICKSTREAM, click("c21", "add_to_cart", "u4", "s5", "p4", "Berlin", "web", "2026-11-03T10:01:00.000Z"));
        malformed(Topic.CLICKSTREAM, with(click("c22", "view", "u4", "s5", "p4", "Berlin", "web", "2026-11-03T10:02:00.000Z"), "user_id", 123), "wrong_type");
        duplicate(Topic.ORDERS, OE2);
        valid(Topic.ORDERS, with(order("oe7", "o4", "u4", "Berlin", List.of(item("p4", 1, "30")), "30", "created", "2026-11-03T10:05:00.000Z"), "coupon_code", "WELCOME10"));
        valid(Topic.ORDERS, with(order("oe8", "o4", "u4", "Berlin", List.of(item("p4", 1, "30")), "30", "paid", "2026-11-03T10:06:00.000Z"), "coupon_code", null));
        valid(Topic.ORDERS, order("oe9", "o5", "u1", "Berlin", List.of(item("p1", 1, "15.00")), "15.00", "created", "2026-11-01T15:00:00.000Z")); // late
        valid(Topic.PAYMENTS, payment("pe4", "pay4", "o4", "u4", "30", "authorized", "DE", "2026-11-03T10:06:00.000Z"));
        bronze.commit();

        BatchRun.Result result = BatchRun.parse("all", List.of()).run(spark, ProgressListener.NONE);

        assertBalancedAsPlanted();
        SilverReport orders = report(result, Topic.ORDERS);
        assertThat(orders.bronzeRowsRead()).isEqualTo(4);
        assertThat(orders.silverRowsWritten()).isEqualTo(3);
        assertThat(orders.duplicatesDropped()).isEqualTo(1);
        assertThat(orders.bronzeSnapshotFrom()).isNotNull();
        assertThat(spark.sql("SELECT coupon_code FROM silver.orders WHERE event_id = 'oe7'").first().getString(0)).isEqualTo("WELCOME10");
        assertThat(spark.sql("SELECT count(*) FROM silver.orders WHERE coupon_code IS NULL").first().getLong(0)).isEqualTo(8);
        // Only the days the new Silver rows fall on are rebuilt (11-01 by the late order, 11-03 new).
        assertThat(result.gold()).allSatisfy(g -> assertThat(g.daysRebuilt()).containsExactly(
                LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-03")));
        assertGoldReconcilesWithSilver();
    }

    @Test
    @Order(3)
    void rerunWithNothingNewWritesNothing() {
        Map<String, Long> before = snapshotCounts();
        BatchRun.Result result = BatchRun.parse("all", List.of()).run(spark, ProgressListener.NONE);
        assertThat(result.silver()).allSatisfy(r -> {
            assertThat(r.bronzeRowsRead()).isZero();
            assertThat(r.silverRowsWritten()).isZero();
        });
        assertThat(result.gold()).allSatisfy(g -> assertThat(g.daysRebuilt()).isEmpty());
        assertThat(snapshotCounts()).isEqualTo(before);
        assertBalancedAsPlanted();
    }

    @Test
    @Order(4)
    void backfillOfADayReplacesItAndChangesNoTotal() {
        String totals = goldTotals();
        long rowsOfDay = spark.sql("SELECT count(*) FROM gold.user_daily_features WHERE event_day = DATE'2026-11-01'").first().getLong(0);
        BatchRun.Result result = BatchRun.parse("gold", List.of("--backfill", "2026-11-01..2026-11-01")).run(spark, ProgressListener.NONE);
        assertThat(result.gold()).allSatisfy(g -> assertThat(g.daysRebuilt()).containsExactly(LocalDate.parse("2026-11-01")));
        assertThat(goldTotals()).isEqualTo(totals);
        assertThat(spark.sql("SELECT count(*) FROM gold.user_daily_features WHERE event_day = DATE'2026-11-01'").first().getLong(0))
                .isEqualTo(rowsOfDay);
        assertGoldReconcilesWithSilver();
    }

    /**
     * What a kill -9 between the Quarantine commit and the Silver commit leaves behind (Quarantine holds
     * the batch's bad rows, Silver and its watermark do not have the batch), made by rolling Silver back
     * one commit. The rerun must give exactly the Silver and Gold of an uncrashed run.
     */
    @Test
    @Order(5)
    void killedRunThenRerunGivesTheSameSilverAndGold() {
        valid(Topic.ORDERS, order("oe10", "o5", "u1", "Berlin", List.of(item("p1", 1, "15.00")), "15.00", "paid", "2026-11-03T12:00:00.000Z"));
        malformedRaw(Topic.ORDERS, "{{", "bad_json");
        bronze.commit();
        BatchRun.parse("all", List.of()).run(spark, ProgressListener.NONE);
        List<Row> silverUncrashed = spark.sql("SELECT * FROM silver.orders ORDER BY event_id").collectAsList();
        String goldUncrashed = goldTotals();
        List<Row> goldRowsUncrashed = spark.sql("SELECT * FROM gold.city_hourly_sales ORDER BY city, hour_start").collectAsList();

        rollBackOneCommit("silver.orders");
        rollBackOneCommit("gold.city_hourly_sales");
        assertThat(spark.sql("SELECT count(*) FROM silver.orders WHERE event_id = 'oe10'").first().getLong(0)).isZero();

        BatchRun.Result rerun = BatchRun.parse("all", List.of()).run(spark, ProgressListener.NONE);
        SilverReport orders = report(rerun, Topic.ORDERS);
        assertThat(orders.quarantineRowsWritten()).isZero(); // already committed before the "kill"
        assertThat(orders.silverRowsWritten()).isEqualTo(1);
        assertThat(spark.sql("SELECT * FROM silver.orders ORDER BY event_id").collectAsList()).isEqualTo(silverUncrashed);
        assertThat(spark.sql("SELECT * FROM gold.city_hourly_sales ORDER BY city, hour_start").collectAsList()).isEqualTo(goldRowsUncrashed);
        assertThat(goldTotals()).isEqualTo(goldUncrashed);
        assertBalancedAsPlanted();
        assertGoldReconcilesWithSilver();
    }

    @Test
    @Order(6)
    void reconcileReportsTheInvariantsFromTheTables() {
        Reconciler.Result r = reconciler().run();
        assertThat(r.topics()).hasSize(3).allSatisfy(t -> {
            Topic topic = Topic.fromName(t.topic());
            assertThat(t.balanced()).isTrue();
            assertThat(t.bronzeRows()).isEqualTo(bronze.written(topic));
            assertThat(t.bronzeDistinctOffsets()).isEqualTo(bronze.written(topic));
            assertThat(t.bronzeRowsUnprocessed()).isZero();
            assertThat(t.duplicatesInBronze()).isEqualTo(DUPLICATES.get(topic));
            assertThat(t.quarantineByReason()).isEqualTo(MALFORMED.get(topic));
            assertThat(t.silverDistinctEventIds()).isEqualTo(t.silverRows());
        });
        assertThat(r.goldUpToDate()).isTrue();
        assertThat(r.goldChecks()).hasSize(7).allSatisfy(c -> assertThat(c.equal()).as(c.check()).isTrue());
        assertThat(r.topCityHoursByPaidAmount()).first().satisfies(top -> {
            assertThat(top.get("city")).isEqualTo("Paris");
            assertThat((BigDecimal) top.get("paid_amount")).isEqualByComparingTo("100.00");
        });
        assertThat(r.servingCheck()).isInstanceOfSatisfying(ServingStoreCheck.Skipped.class, skipped -> assertThat(
                skipped.skipped()).startsWith("cannot read the serving store at redis://127.0.0.1:1 ("));
        assertThat(Json.write(r)).contains("\"duplicates_in_bronze\":", "\"serving_check\":{\"skipped\":");
    }

    @Test
    @Order(7)
    void sqlAnswersWithColumnsRowsAndTruncation() {
        SqlCommand sql = new SqlCommand(spark);
        SqlCommand.Result r = sql.run("SELECT event_day, count(*) AS n, sum(amount) AS amount FROM silver.orders GROUP BY event_day ORDER BY event_day", false);
        assertThat(r.columns()).containsExactly("event_day", "n", "amount");
        assertThat(r.rows()).first().isEqualTo(List.of(LocalDate.parse("2026-11-01").toString(), 5L, new BigDecimal("73.50")));
        assertThat(r.truncated()).isFalse();
        assertThat(sql.run("SELECT id FROM range(1005)", false).rows()).hasSize(SqlCommand.MAX_ROWS);
        assertThat(sql.run("SELECT id FROM range(1005)", false).truncated()).isTrue();
        assertThat(Json.write(sql.run("SELECT items, event_ts FROM silver.orders WHERE event_id = 'oe3'", false)))
                .contains("{\"product_id\":\"p2\",\"qty\":1,\"unit_price\":5.50}").contains("2026-11-01T11:00:00Z");
        assertThatThrownBy(() -> sql.run("SELECT nope FROM silver.orders", false))
                .isInstanceOf(io.alluvium.runtime.ChildProtocol.BadInputException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> sql.run("SELEC 1", false))
                .isInstanceOf(io.alluvium.runtime.ChildProtocol.BadInputException.class);
    }

    @Test
    @Order(8)
    void tableCommandsDescribeTheLake() {
        TableInspector inspector = new TableInspector(IcebergCatalogs.open(TestLake.config()));
        assertThat(inspector.list()).extracting(TableInspector.TableSummary::table).contains(
                "bronze.orders", "silver.orders", "quarantine.orders", "gold.city_hourly_sales",
                "gold.daily_funnel", "gold.user_daily_features");
        TableInspector.Description silverOrders = inspector.describe("silver.orders");
        assertThat(silverOrders.summary().records()).isEqualTo(VALID.get(Topic.ORDERS));
        assertThat(silverOrders.schema()).extracting(TableInspector.Column::name).contains("coupon_code", "event_day");
        assertThat(silverOrders.partitionSpec()).extracting(TableInspector.PartitionColumn::sourceColumn).containsExactly("event_day");
        assertThat(silverOrders.partitions().stream().mapToLong(TableInspector.PartitionStats::records).sum())
                .isEqualTo(VALID.get(Topic.ORDERS));
        TableInspector.History history = inspector.history("silver.orders");
        assertThat(history.snapshots()).isNotEmpty().last().satisfies(s ->
                assertThat(s.summary()).containsKey(Watermark.BRONZE_SNAPSHOT));
        assertThatThrownBy(() -> inspector.describe("silver.nope"))
                .isInstanceOf(io.alluvium.runtime.ChildProtocol.BadInputException.class).hasMessageContaining("silver.nope");
        assertThatThrownBy(() -> inspector.describe("orders"))
                .isInstanceOf(io.alluvium.runtime.ChildProtocol.BadInputException.class);
    }

    /**
     * {@code bench batch} on this Bronze: the hand-written script and Alluvium's build in alternating rounds, one
     * build each per round (fixed work) on scratch namespaces, must agree on every count, report the medians of
     * their rounds, leave the platform's tables alone and drop their own.
     */
    @Test
    @Order(9)
    void benchBuildsTheSameCountsAsTheHandWrittenScriptOnScratchTables() throws Exception {
        Map<String, Long> platformSnapshots = snapshotCounts();
        List<String> stages = new java.util.ArrayList<>();

        BatchBench.Result result = new BatchBench(spark).run(3, true,
                (stage, done, total) -> stages.add(done + "/" + total + " " + stage));

        com.fasterxml.jackson.databind.JsonNode json = Json.mapper().readTree(Json.write(result));
        assertThat(json.properties()).extracting(Map.Entry::getKey)
                .containsExactly("bench", "bronze_rows", "workload", "measures", "comparisons", "notes");
        assertThat(json.get("bench").asText()).isEqualTo("batch");
        long bronzeRows = java.util.Arrays.stream(Topic.values()).mapToLong(bronze::written).sum();
        assertThat(json.get("bronze_rows").asLong()).isEqualTo(bronzeRows);
        assertThat(json.get("workload").asText()).endsWith("Bronze rows per build, one build per round (--events)");
        assertThat(json.get("measures")).hasSize(2).allSatisfy(m -> {
            assertThat(m.properties()).extracting(Map.Entry::getKey).containsExactly("name", "seconds", "rows_per_s",
                    "records_per_s", "builds_per_round", "rounds");
            assertThat(m.get("seconds").asDouble()).isPositive();
            // the median round's rows/s is the Bronze rows over the median round's seconds
            assertThat(m.get("rows_per_s").asDouble()).isCloseTo(bronzeRows / m.get("seconds").asDouble(),
                    org.assertj.core.data.Offset.offset(0.051)); // rounded to 0.1
            assertThat(m.get("records_per_s").asDouble()).isEqualTo(m.get("rows_per_s").asDouble());
            assertThat(m.get("builds_per_round").toString()).isEqualTo("[1,1,1]");
            List<Double> sorted = new java.util.ArrayList<>();
            m.at("/rounds/values").forEach(v -> sorted.add(v.asDouble()));
            assertThat(sorted).hasSize(3);
            sorted.sort(null);
            assertThat(m.at("/rounds/median").asDouble()).as("the middle round").isEqualTo(sorted.get(1));
        });
        assertThat(json.get("measures").get(0).get("name").asText()).isEqualTo("alluvium batch (silver+gold)");
        assertThat(json.get("measures").get(1).get("name").asText()).isEqualTo("hand-written Spark SQL");
        com.fasterxml.jackson.databind.JsonNode speed = json.get("comparisons").get(0);
        assertThat(speed.get("metric").asText()).isEqualTo("build time vs hand-written SQL");
        assertThat(speed.get("ratio").asDouble()).as("the ratio of the median seconds per build")
                .isCloseTo(json.get("measures").get(0).get("seconds").asDouble()
                        / json.get("measures").get(1).get("seconds").asDouble(), org.assertj.core.data.Offset.offset(0.001));
        assertThat(speed.get("target").asText()).isEqualTo("<= 1.2");
        assertThat(speed.get("met").asBoolean()).isEqualTo(speed.get("ratio").asDouble() <= 1.2);
        com.fasterxml.jackson.databind.JsonNode same = json.get("comparisons").get(1);
        assertThat(same.get("metric").asText()).isEqualTo("same silver/quarantine/gold counts");
        assertThat(same.get("ratio").asDouble()).isEqualTo(1.0);
        assertThat(same.get("met").asBoolean()).isTrue();
        assertThat(same.get("target").asText()).isEqualTo(">= 1");
        assertThat(json.get("comparisons")).hasSize(2);

        assertThat(stages).as("alternating, the script first").containsExactly(
                "0/6 hand-written Spark SQL (round 1 of 3)", "1/6 alluvium batch (silver+gold) (round 1 of 3)",
                "2/6 hand-written Spark SQL (round 2 of 3)", "3/6 alluvium batch (silver+gold) (round 2 of 3)",
                "4/6 hand-written Spark SQL (round 3 of 3)", "5/6 alluvium batch (silver+gold) (round 3 of 3)",
                "6/6 bench batch");
        assertThat(snapshotCounts()).isEqualTo(platformSnapshots);
        assertBalancedAsPlanted();
        for (String scratch : List.of("bench_silver", "bench_quarantine", "bench_gold", "bench_sql_silver",
                "bench_sql_quarantine", "bench_sql_gold")) {
            assertThat(spark.catalog().databaseExists(scratch)).as(scratch).isFalse();
        }
    }

    /** The counts the bench compares, read from the platform's own tables: exactly what was planted. */
    @Test
    @Order(10)
    void buildCountsAreThePlantedNumbers() {
        Map<String, String> counts = BuildCounts.of(spark, new LakeTables(spark)).counts();
        for (Topic t : Topic.values()) {
            assertThat(counts.get("silver." + t + " rows")).isEqualTo(VALID.get(t).toString());
            assertThat(counts.get("silver." + t + " distinct event_ids")).isEqualTo(VALID.get(t).toString());
            MALFORMED.get(t).forEach((reason, n) -> assertThat(counts.get("quarantine." + t + " " + reason)).isEqualTo(n.toString()));
        }
        assertThat(counts.get("gold.city_hourly_sales sum(paid_amount)"))
                .isEqualTo(spark.sql("SELECT CAST(sum(amount) AS string) FROM silver.orders WHERE status = 'paid'").first().getString(0));
        assertThat(counts.get("gold.user_daily_features sum(events)")).isEqualTo(Long.toString(VALID.get(Topic.CLICKSTREAM)));
        assertThat(counts).containsKeys("gold.daily_funnel rows", "gold.daily_funnel sum(views)");
        assertThat(BuildCounts.of(spark, new LakeTables(spark)).differencesFrom(new BuildCounts(counts))).isEmpty();
        Map<String, String> oneRowLess = new java.util.TreeMap<>(counts);
        oneRowLess.put("silver.orders rows", Long.toString(VALID.get(Topic.ORDERS) - 1));
        assertThat(new BuildCounts(counts).differencesFrom(new BuildCounts(oneRowLess)))
                .containsOnlyKeys("silver.orders rows");
    }

    // ---- planting and checking

    private static void valid(Topic t, Map<String, Object> event) {
        bronze.add(t, event);
        VALID.merge(t, 1L, Long::sum);
    }

    private static void duplicate(Topic t, Map<String, Object> event) {
        bronze.add(t, event);
        DUPLICATES.merge(t, 1L, Long::sum);
    }

    private static void malformed(Topic t, Map<String, Object> event, String reason) {
        malformedRaw(t, Events.json(event), reason);
    }

    private static void malformedRaw(Topic t, String payload, String reason) {
        bronze.addRaw(t, payload);
        MALFORMED.get(t).merge(reason, 1L, Long::sum);
    }

    /**
     * Schema and partition evolution (docs/architecture.md#invariants): a column an analyst adds to a Gold table and
     * Bronze re-partitioned from days to hours keep every old row readable, the builds going and the invariants true.
     */
    @Test
    @Order(11)
    void aGoldColumnAddedAndBronzeRepartitionedByHourKeepOldRowsAndTheInvariants() {
        spark.sql("ALTER TABLE gold.city_hourly_sales ADD COLUMN analyst_note string");
        spark.sql("ALTER TABLE bronze.orders REPLACE PARTITION FIELD kafka_timestamp_day WITH hours(kafka_timestamp)");
        long goldRowsBefore = spark.sql("SELECT count(*) FROM gold.city_hourly_sales").first().getLong(0);
        valid(Topic.ORDERS, order("oe11", "o6", "u2", "Paris", List.of(item("p2", 2, "10.00")), "20.00", "created",
                "2026-11-04T09:00:00.000Z"));
        valid(Topic.ORDERS, order("oe12", "o6", "u2", "Paris", List.of(item("p2", 2, "10.00")), "20.00", "paid",
                "2026-11-04T09:01:00.000Z"));
        bronze.commit();

        BatchRun.Result result = BatchRun.parse("all", List.of()).run(spark, ProgressListener.NONE);

        assertThat(report(result, Topic.ORDERS).silverRowsWritten()).isEqualTo(2);
        assertThat(spark.sql("SELECT count(*) FROM bronze.orders").first().getLong(0))
                .as("rows of both partition specs").isEqualTo(bronze.written(Topic.ORDERS));
        assertThat(spark.sql("SELECT count(DISTINCT spec_id) FROM bronze.orders.files").first().getLong(0)).isEqualTo(2);
        assertThat(spark.sql("SELECT count(*), count(analyst_note) FROM gold.city_hourly_sales").first())
                .satisfies(r -> {
                    assertThat(r.getLong(0)).isEqualTo(goldRowsBefore + 1); // Paris, 2026-11-04 09:00
                    assertThat(r.getLong(1)).as("the added column is null: no build writes it").isZero();
                });
        assertBalancedAsPlanted();
        assertGoldReconcilesWithSilver();
    }

    /**
     * Write-audit-publish: a Gold query with a bug (it sums the amount of every order event, not only the paid ones) is
     * written to the audit branch, fails its check there, and publishes nothing: main of every Gold table keeps its
     * snapshot, the failed build stays on the branch to inspect, and the next correct build publishes and drops it.
     */
    @Test
    @Order(12)
    void aGoldBuildThatFailsItsAuditLeavesEveryGoldTableAsItWas() {
        LocalDate day = LocalDate.parse("2026-11-01");
        Map<GoldTable, Long> mains = mainSnapshots();
        String totals = goldTotals();
        String correct = GoldTable.CITY_HOURLY_SALES.sql();
        String buggy = correct.replace("sum(CASE WHEN o.status = 'paid' THEN o.amount END)", "sum(o.amount)");
        assertThat(buggy).as("the bug is planted").isNotEqualTo(correct);
        GoldJob withBug = new GoldJob(spark, new LakeTables(spark),
                g -> g == GoldTable.CITY_HOURLY_SALES ? buggy : g.sql());

        assertThatThrownBy(() -> withBug.run(Set.of(day), ProgressListener.NONE))
                .isInstanceOfSatisfying(GoldAuditFailure.class, f -> {
                    assertThat(f.failed()).singleElement().satisfies(failed -> {
                        assertThat(failed.table()).isEqualTo("gold.city_hourly_sales");
                        assertThat(failed.days()).containsExactly(day);
                        // the day's order events: 20.00 paid, 20.00 + 9.25 + 15.00 created, 9.25 cancelled
                        assertThat(failed.checks()).singleElement().isEqualTo(new GoldChecks.GoldCheck(
                                "city_hourly_sales.paid_amount = silver.orders paid amount",
                                new BigDecimal("73.50"), new BigDecimal("20.00"), false));
                    });
                    assertThat(f.getMessage()).startsWith("Gold build not published: its audit failed, gold.city_hourly_sales"
                                    + " (days 2026-11-01): city_hourly_sales.paid_amount = silver.orders paid amount:"
                                    + " gold 73.50, silver 20.00.")
                            .contains("VERSION AS OF 'audit'");
                });

        assertThat(mainSnapshots()).as("no Gold table published").isEqualTo(mains);
        assertThat(goldTotals()).isEqualTo(totals);
        assertThat(spark.sql("SELECT sum(paid_amount) FROM gold.city_hourly_sales VERSION AS OF 'audit'"
                + " WHERE event_day = DATE'2026-11-01'").first().getDecimal(0)).as("the failed build, kept to inspect")
                .isEqualByComparingTo("73.50");

        List<GoldReport> reports = new GoldJob(spark, new LakeTables(spark)).run(Set.of(day), ProgressListener.NONE);
        assertThat(reports).extracting(GoldReport::checksPassed).containsExactly(3, 2, 2);
        assertThat(mainSnapshots()).allSatisfy((table, id) -> assertThat(id).as(table.tableName()).isNotEqualTo(mains.get(table)));
        for (GoldTable g : GoldTable.values()) {
            assertThat(spark.sql("SELECT name FROM " + g.id() + ".refs").collectAsList()).as("published, branch dropped")
                    .extracting(r -> r.getString(0)).containsExactly("main");
        }
        assertThat(goldTotals()).isEqualTo(totals);
        assertGoldReconcilesWithSilver();
    }

    /**
     * "Gold built from the latest Silver" is false while Silver holds rows Gold has not been built from, and true
     * again once Gold is built; a compaction of Silver alone (no row added) leaves it true.
     */
    @Test
    @Order(13)
    void goldIsStaleWhileSilverHasRowsItWasNotBuiltFrom() {
        Reconciler reconciler = reconciler();
        valid(Topic.ORDERS, order("oe13", "o7", "u3", "Berlin", List.of(item("p1", 1, "12.00")), "12.00", "paid",
                "2026-11-05T08:00:00.000Z"));
        bronze.commit();

        BatchRun.parse("silver", List.of()).run(spark, ProgressListener.NONE);
        assertThat(reconciler.run().goldUpToDate()).as("silver has a paid order gold lacks").isFalse();

        BatchRun.parse("gold", List.of()).run(spark, ProgressListener.NONE);
        assertThat(reconciler.run().goldUpToDate()).isTrue();

        spark.sql("CALL system.rewrite_data_files(table => 'silver.orders', options => map('rewrite-all', 'true'))");
        assertThat(spark.sql("SELECT operation FROM silver.orders.snapshots ORDER BY committed_at DESC LIMIT 1")
                .first().getString(0)).isEqualTo("replace");
        assertThat(reconciler.run().goldUpToDate()).as("a compaction adds no row").isTrue();
        assertGoldReconcilesWithSilver();
    }

    /**
     * Bronze of several small files (one per commit above) is read in at least as many splits as the job has cores, not in
     * one (Iceberg's default split size would pack them into one task), and with every row.
     */
    @Test
    @Order(14)
    void bronzeOfSmallFilesIsReadInOneSplitPerCore() {
        LakeTables tables = new LakeTables(spark);
        long files = spark.sql("SELECT count(*) FROM bronze.clickstream.files").first().getLong(0);
        assertThat(files).as("files in bronze.clickstream").isGreaterThanOrEqualTo(2);

        BronzeIncrement all = BronzeIncrement.since(spark, tables, Topic.CLICKSTREAM, java.util.Optional.empty())
                .orElseThrow();

        assertThat(all.rows().rdd().getNumPartitions()).isGreaterThanOrEqualTo(spark.sparkContext().defaultParallelism());
        assertThat(all.rows().count()).isEqualTo(spark.table("bronze.clickstream").count());
    }

    /**
     * What {@code bench pipeline} does after each pipeline: the lake counted, then Silver, Quarantine and Gold dropped
     * with Bronze kept; every build after that builds from Bronze alone, so two of them build the same (the
     * watermarks went with the tables: the second would otherwise find nothing new). The lake is left built.
     */
    @Test
    @Order(15)
    void countAndDropLeavesBronzeAloneAndEveryBuildAfterItBuildsTheSame() {
        Map<String, String> built = BuildCounts.of(spark, new LakeTables(spark)).counts();
        long bronzeRows = java.util.Arrays.stream(Topic.values()).mapToLong(bronze::written).sum();

        PipelineBenchMain.Result first = PipelineBenchMain.countAndDrop(spark);

        assertThat(first.built()).isEqualTo(built);
        assertThat(first.bronzeRows()).isEqualTo(bronzeRows);
        for (String namespace : List.of("silver", "quarantine", "gold")) {
            assertThat(spark.catalog().databaseExists(namespace)).as(namespace).isFalse();
        }
        assertThat(spark.sql("SELECT count(*) FROM bronze.orders").first().getLong(0))
                .isEqualTo(bronze.written(Topic.ORDERS));

        BatchRun.parse("all", List.of()).run(spark, ProgressListener.NONE);
        PipelineBenchMain.Result rebuilt = PipelineBenchMain.countAndDrop(spark);
        BatchRun.parse("all", List.of()).run(spark, ProgressListener.NONE);
        PipelineBenchMain.Result again = PipelineBenchMain.countAndDrop(spark);

        assertThat(rebuilt.built().get("silver.orders rows")).isEqualTo(VALID.get(Topic.ORDERS).toString());
        assertThat(again).isEqualTo(rebuilt);
        BatchRun.parse("all", List.of()).run(spark, ProgressListener.NONE);
        assertBalancedAsPlanted();
    }

    /** The reconciler with no serving store listening: invariant 3 is skipped, 1 and 2 are checked. */
    private static Reconciler reconciler() {
        ServingEndpoint nothingListens = new ServingEndpoint("127.0.0.1", 1, false, null, new Password(""), true);
        return new Reconciler(spark, new LakeTables(spark), new ServingStoreCheck(nothingListens));
    }

    private static Map<GoldTable, Long> mainSnapshots() {
        LakeTables tables = new LakeTables(spark);
        Map<GoldTable, Long> ids = new EnumMap<>(GoldTable.class);
        for (GoldTable g : GoldTable.values()) {
            ids.put(g, tables.load(g.id()).currentSnapshot().snapshotId());
        }
        return ids;
    }

    /** Invariant 2, exactly as planted: bronze = silver + quarantine + duplicates, no event_id twice. */
    private static void assertBalancedAsPlanted() {
        Map<String, Long> rows = rowsByTopicAndTable();
        for (Topic t : Topic.values()) {
            long silverRows = rows.getOrDefault(t + " silver", 0L);
            Map<String, Long> byReason = new java.util.TreeMap<>();
            rows.forEach((k, n) -> {
                if (k.startsWith(t + " quarantine ")) {
                    byReason.put(k.substring((t + " quarantine ").length()), n);
                }
            });
            long quarantineRows = byReason.values().stream().mapToLong(Long::longValue).sum();
            long malformed = MALFORMED.get(t).values().stream().mapToLong(Long::longValue).sum();
            assertThat(silverRows).as("silver " + t).isEqualTo(VALID.get(t));
            assertThat(quarantineRows).as("quarantine " + t).isEqualTo(malformed);
            assertThat(rows.get(t + " bronze")).isEqualTo(silverRows + quarantineRows + DUPLICATES.get(t));
            assertThat(rows.get(t + " silver event_ids")).isEqualTo(silverRows);
            assertThat(byReason).as("quarantine reasons " + t).isEqualTo(MALFORMED.get(t));
        }
    }

    /**
     * Rows of every topic's Bronze, Silver (and its distinct event_ids) and Quarantine (per reason), in one
     * Spark query rather than fifteen: keys like {@code "orders silver"}, {@code "orders quarantine bad_json"}.
     */
    private static Map<String, Long> rowsByTopicAndTable() {
        String sql = java.util.Arrays.stream(Topic.values()).map(t ->
                        "SELECT '" + t + " bronze' AS k, count(*) AS n FROM bronze." + t
                                + " UNION ALL SELECT '" + t + " silver', count(*) FROM silver." + t
                                + " UNION ALL SELECT '" + t + " silver event_ids', count(DISTINCT event_id) FROM silver." + t
                                + " UNION ALL SELECT '" + t + " quarantine ' || reason, count(*) FROM quarantine." + t
                                + " GROUP BY reason")
                .collect(java.util.stream.Collectors.joining(" UNION ALL "));
        Map<String, Long> rows = new java.util.TreeMap<>();
        spark.sql(sql).collectAsList().forEach(r -> rows.put(r.getString(0), r.getLong(1)));
        return rows;
    }

    /** Gold totals = Silver totals, overall and per day, from one Spark query of the totals plus one per side of the days. */
    private static void assertGoldReconcilesWithSilver() {
        Map<String, String> totals = new java.util.TreeMap<>();
        spark.sql("SELECT 'silver paid' AS k, CAST(CAST(sum(amount) AS decimal(18,2)) AS string) AS v FROM silver.orders WHERE status = 'paid'"
                        + " UNION ALL SELECT 'hourly paid', CAST(CAST(sum(paid_amount) AS decimal(18,2)) AS string) FROM gold.city_hourly_sales"
                        + " UNION ALL SELECT 'user spend', CAST(CAST(sum(spend) AS decimal(18,2)) AS string) FROM gold.user_daily_features"
                        + " UNION ALL SELECT 'silver clicks', CAST(count(*) AS string) FROM silver.clickstream"
                        + " UNION ALL SELECT 'user events', CAST(sum(events) AS string) FROM gold.user_daily_features"
                        + " UNION ALL SELECT 'funnel steps', CAST(sum(views + searches + add_to_carts + checkouts) AS string) FROM gold.daily_funnel")
                .collectAsList().forEach(r -> totals.put(r.getString(0), r.getString(1)));
        String paidInSilver = totals.get("silver paid");
        assertThat(totals.get("hourly paid")).isEqualTo(paidInSilver);
        assertThat(totals.get("user spend")).isEqualTo(paidInSilver);
        // per day too: the paid amount of each day in Gold is that of Silver's paid orders of the day
        assertThat(spark.sql("SELECT event_day, sum(paid_amount) FROM gold.city_hourly_sales GROUP BY event_day ORDER BY event_day").collectAsList())
                .isEqualTo(spark.sql("SELECT event_day, sum(amount) FROM silver.orders WHERE status = 'paid' GROUP BY event_day ORDER BY event_day").collectAsList());
        assertThat(totals.get("user events")).isEqualTo(totals.get("silver clicks"));
        assertThat(totals.get("funnel steps")).isEqualTo(totals.get("silver clicks"));
    }

    private static String goldTotals() {
        return spark.sql("SELECT (SELECT count(*) FROM gold.city_hourly_sales), (SELECT sum(paid_amount) FROM gold.city_hourly_sales),"
                + " (SELECT sum(orders_created) FROM gold.city_hourly_sales), (SELECT count(*) FROM gold.daily_funnel),"
                + " (SELECT sum(views) FROM gold.daily_funnel), (SELECT count(*) FROM gold.user_daily_features),"
                + " (SELECT sum(spend) FROM gold.user_daily_features)").first().toString();
    }

    private static Map<String, Long> snapshotCounts() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String t : Set.of("silver.orders", "quarantine.orders", "silver.clickstream", "gold.city_hourly_sales",
                "gold.daily_funnel", "gold.user_daily_features")) {
            counts.put(t, count(t + ".snapshots"));
        }
        return counts;
    }

    private static void rollBackOneCommit(String table) {
        long parent = spark.sql("SELECT parent_id FROM " + table + ".snapshots ORDER BY committed_at DESC LIMIT 1").first().getLong(0);
        spark.sql("CALL system.rollback_to_snapshot('" + table + "', " + parent + ")");
    }

    private static SilverReport report(BatchRun.Result result, Topic topic) {
        return result.silver().stream().filter(r -> r.topic().equals(topic.topicName())).findFirst().orElseThrow();
    }

    private static long count(String table) {
        return spark.table(table).count();
    }
}
