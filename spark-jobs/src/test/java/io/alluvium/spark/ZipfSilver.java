package io.alluvium.spark;

import io.alluvium.domain.City;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * Silver-shaped rows with skewed users and cities, made by Spark itself in any number (the skew tests need more rows
 * than a Bronze fixture holds): the top user and the top city hold 60.8 % of the rows each, as the generator's top
 * user does at {@code generator.zipf-exponent} 2.0, and the others a Zipf-like tail of exponent 2. Registered
 * as the views {@code silver_clickstream}, {@code silver_orders} and {@code silver_payments} with the columns Gold
 * reads (docs/events.md), over 7 event days.
 */
final class ZipfSilver {
    /** The top user's and top city's share of the rows: 1/zeta(2), the generator's top user at exponent 2.0. */
    static final double TOP_SHARE = 0.608;

    /** The users, cities and times of the rows, written once: every query reads the same rows. */
    static final String BASE = "zipf.base";

    private ZipfSilver() {
    }

    static void register(SparkSession spark, long clicks) {
        spark.sql("CREATE NAMESPACE IF NOT EXISTS zipf");
        String cities = City.ALL.stream().map(c -> "'" + c.name() + "'").collect(Collectors.joining(", ", "array(", ")"));
        spark.sql("SELECT id, concat('u-', lpad(CAST(" + rank(7, 20_000) + " AS string), 6, '0')) AS user_id,"
                + " element_at(" + cities + ", CAST(" + rank(11, City.ALL.size()) + " AS int)) AS city,"
                + " timestamp_seconds(1793491200 + (id * 7919) % (7 * 86400)) AS event_ts FROM range(" + clicks + ")")
                .writeTo(BASE).using("iceberg").createOrReplace();
        spark.sql("SELECT concat('ck-', id) AS event_id, element_at(array('view', 'search', 'add_to_cart', 'checkout'),"
                + " CAST(id % 4 + 1 AS int)) AS event_type, user_id, concat('s-', user_id, '-',"
                + " floor(unix_seconds(event_ts) / 1800)) AS session_id, concat('p-', id % 500) AS product_id, city,"
                + " 'web' AS device, event_ts, to_date(event_ts) AS event_day FROM " + BASE + "")
                .createOrReplaceTempView("silver_clickstream");
        spark.sql("SELECT concat('or-', id) AS event_id, concat('o-', id) AS order_id, user_id, city,"
                + " array(named_struct('product_id', 'p-1', 'qty', CAST(id % 3 + 1 AS int), 'unit_price',"
                + " CAST(9.99 AS decimal(18,2)))) AS items, CAST(id % 100 + 0.5 AS decimal(18,2)) AS amount,"
                + " 'EUR' AS currency, element_at(array('created', 'paid', 'cancelled'), CAST(id % 3 + 1 AS int))"
                + " AS status, event_ts, to_date(event_ts) AS event_day FROM " + BASE + " WHERE id % 3 = 0")
                .createOrReplaceTempView("silver_orders");
        spark.sql("SELECT concat('pa-', id) AS event_id, concat('pm-', id) AS payment_id, concat('o-', id) AS order_id,"
                + " user_id, concat('fp-', user_id, '-', id % 2) AS card_fingerprint,"
                + " CAST(id % 100 + 0.5 AS decimal(18,2)) AS amount, 'EUR' AS currency,"
                + " CASE WHEN id % 5 = 0 THEN 'declined' ELSE 'authorized' END AS status, 'FR' AS ip_country,"
                + " event_ts, to_date(event_ts) AS event_day FROM " + BASE + " WHERE id % 3 = 1")
                .createOrReplaceTempView("silver_payments");
    }

    /** Drops the views and the table {@link #register} made. */
    static void drop(SparkSession spark) {
        for (String view : new String[] {"silver_clickstream", "silver_orders", "silver_payments"}) {
            spark.catalog().dropTempView(view);
        }
        spark.sql("DROP TABLE IF EXISTS " + BASE + " PURGE");
    }

    /**
     * A rank in 1..n: 1 with probability {@link #TOP_SHARE}, else k + 1 with probability 1/(k(k+1)) (the tail on n),
     * each from its own random stream.
     */
    private static String rank(int seed, int n) {
        return "IF(rand(" + seed + ") < " + TOP_SHARE + ", 1, least(1 + floor(1 / (1 - rand(" + (seed + 1) + "))), "
                + n + "))";
    }
}
