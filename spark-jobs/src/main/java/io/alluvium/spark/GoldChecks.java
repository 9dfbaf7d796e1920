package io.alluvium.spark;

import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.SparkSession;

/**
 * Invariant 2 (docs/architecture.md#invariants): each Gold total equals the same total computed from Silver. Run
 * by {@code reconcile} on the Gold tables as readers see them, and by the Gold build on its audit branch before it
 * publishes ({@link GoldJob}).
 */
final class GoldChecks {
    /** One Gold total and the same total computed from Silver: they must be equal. */
    record GoldCheck(String check, Object gold, Object silver, boolean equal) {
    }

    private final SparkSession spark;

    GoldChecks(SparkSession spark) {
        this.spark = spark;
    }

    /** The checks on the Gold tables as readers see them. */
    List<GoldCheck> run() {
        return run("");
    }

    /** The checks on the Gold tables at {@code version}: a time-travel clause, e.g. {@code VERSION AS OF 'audit'}. */
    List<GoldCheck> run(String version) {
        String at = version.isEmpty() ? "" : " " + version;
        String paid = "SELECT CAST(coalesce(sum(amount), 0) AS decimal(18,2)) FROM silver.orders WHERE status = 'paid'";
        return List.of(
                check("city_hourly_sales.paid_amount = silver.orders paid amount",
                        "SELECT CAST(coalesce(sum(paid_amount), 0) AS decimal(18,2)) FROM gold.city_hourly_sales" + at,
                        paid),
                check("city_hourly_sales.orders_paid = silver.orders paid events",
                        "SELECT coalesce(sum(orders_paid), 0) FROM gold.city_hourly_sales" + at,
                        "SELECT count(*) FROM silver.orders WHERE status = 'paid'"),
                check("city_hourly_sales.orders_created = silver.orders created events",
                        "SELECT coalesce(sum(orders_created), 0) FROM gold.city_hourly_sales" + at,
                        "SELECT count(*) FROM silver.orders WHERE status = 'created'"),
                check("daily_funnel.views = silver.clickstream views",
                        "SELECT coalesce(sum(views), 0) FROM gold.daily_funnel" + at,
                        "SELECT count(*) FROM silver.clickstream WHERE event_type = 'view'"),
                check("daily_funnel.paid_amount = silver.orders paid amount",
                        "SELECT CAST(coalesce(sum(paid_amount), 0) AS decimal(18,2)) FROM gold.daily_funnel" + at, paid),
                check("user_daily_features.events = silver.clickstream rows",
                        "SELECT coalesce(sum(events), 0) FROM gold.user_daily_features" + at,
                        "SELECT count(*) FROM silver.clickstream"),
                check("user_daily_features.spend = silver.orders paid amount",
                        "SELECT CAST(coalesce(sum(spend), 0) AS decimal(18,2)) FROM gold.user_daily_features" + at,
                        paid));
    }

    private GoldCheck check(String name, String goldSql, String silverSql) {
        Object gold = RowValues.plain(spark.sql(goldSql).first().get(0));
        Object silver = RowValues.plain(spark.sql(silverSql).first().get(0));
        return new GoldCheck(name, gold, silver, Objects.equals(gold, silver));
    }
}
