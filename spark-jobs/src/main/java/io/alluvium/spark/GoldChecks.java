package io.alluvium.spark;

import static org.apache.spark.sql.functions.col;

import io.alluvium.domain.Layer;
import io.alluvium.domain.Topic;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Invariant 2 (docs/architecture.md#invariants): each Gold total equals the same total computed from Silver. Run
 * by {@code reconcile} on the whole tables as readers see them, and by the Gold build on the days it rebuilt, on
 * its audit branch, before it publishes ({@link AuditBranch}). Each side is one aggregate query per table, all of
 * its totals at once.
 */
final class GoldChecks {
    /** One Gold total and the same total computed from Silver: they must be equal. */
    record GoldCheck(String check, Object gold, Object silver, boolean equal) {
    }

    /** A total of a Gold table and the Silver aggregate it must equal. */
    private record Total(String check, GoldTable table, String goldSum, Topic topic, String silverAggregate) {
    }

    private static final String PAID_AMOUNT =
            "CAST(coalesce(sum(CASE WHEN status = 'paid' THEN amount END), 0) AS decimal(18,2))";
    private static final List<Total> TOTALS = List.of(
            new Total("city_hourly_sales.paid_amount = silver.orders paid amount", GoldTable.CITY_HOURLY_SALES,
                    decimalSum("paid_amount"), Topic.ORDERS, PAID_AMOUNT),
            new Total("city_hourly_sales.orders_paid = silver.orders paid events", GoldTable.CITY_HOURLY_SALES,
                    sum("orders_paid"), Topic.ORDERS, "count_if(status = 'paid')"),
            new Total("city_hourly_sales.orders_created = silver.orders created events", GoldTable.CITY_HOURLY_SALES,
                    sum("orders_created"), Topic.ORDERS, "count_if(status = 'created')"),
            new Total("daily_funnel.views = silver.clickstream views", GoldTable.DAILY_FUNNEL,
                    sum("views"), Topic.CLICKSTREAM, "count_if(event_type = 'view')"),
            new Total("daily_funnel.paid_amount = silver.orders paid amount", GoldTable.DAILY_FUNNEL,
                    decimalSum("paid_amount"), Topic.ORDERS, PAID_AMOUNT),
            new Total("user_daily_features.events = silver.clickstream rows", GoldTable.USER_DAILY_FEATURES,
                    sum("events"), Topic.CLICKSTREAM, "count(*)"),
            new Total("user_daily_features.spend = silver.orders paid amount", GoldTable.USER_DAILY_FEATURES,
                    decimalSum("spend"), Topic.ORDERS, PAID_AMOUNT));

    private final SparkSession spark;
    private final LakeTables tables;

    GoldChecks(SparkSession spark, LakeTables tables) {
        this.spark = spark;
        this.tables = tables;
    }

    /** Every check, on the whole Gold and Silver tables as readers see them. */
    List<GoldCheck> run() {
        return compare(TOTALS, g -> spark.table(tables.name(g.id())),
                t -> spark.table(tables.name(Layer.SILVER.table(t))));
    }

    /**
     * The checks of {@code gold} on the rows of {@code days} in its build ({@code build}, e.g. the audit branch) against
     * the {@code silver_<topic>} views the build was computed from ({@link SilverCut#registerViews}).
     */
    List<GoldCheck> audit(GoldTable gold, Dataset<Row> build, Set<LocalDate> days) {
        Dataset<Row> rebuilt = build.filter(col(SilverTables.EVENT_DAY).isin(days.toArray()));
        return compare(TOTALS.stream().filter(t -> t.table() == gold).toList(), g -> rebuilt,
                t -> spark.table("silver_" + t.topicName()));
    }

    private static List<GoldCheck> compare(List<Total> totals, Function<GoldTable, Dataset<Row>> gold,
                                           Function<Topic, Dataset<Row>> silver) {
        Map<Total, Object> goldValues = evaluate(totals, Total::table, gold, Total::goldSum);
        Map<Total, Object> silverValues = evaluate(totals, Total::topic, silver, Total::silverAggregate);
        return totals.stream().map(t -> new GoldCheck(t.check(), goldValues.get(t), silverValues.get(t),
                Objects.equals(goldValues.get(t), silverValues.get(t)))).toList();
    }

    /** Each total's value: one query per source ({@code key} of the total) computing all of that source's totals. */
    private static <K> Map<Total, Object> evaluate(List<Total> totals, Function<Total, K> key,
                                                   Function<K, Dataset<Row>> source, Function<Total, String> aggregate) {
        Map<K, List<Total>> bySource = new LinkedHashMap<>();
        totals.forEach(t -> bySource.computeIfAbsent(key.apply(t), k -> new ArrayList<>()).add(t));
        Map<Total, Object> values = new HashMap<>();
        bySource.forEach((k, of) -> {
            List<Object> row = RowValues.of(source.apply(k)
                    .selectExpr(of.stream().map(aggregate).toArray(String[]::new)).first());
            for (int i = 0; i < of.size(); i++) {
                values.put(of.get(i), row.get(i));
            }
        });
        return values;
    }

    private static String sum(String column) {
        return "coalesce(sum(" + column + "), 0)";
    }

    private static String decimalSum(String column) {
        return "CAST(" + sum(column) + " AS decimal(18,2))";
    }
}
