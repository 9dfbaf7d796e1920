package io.alluvium.spark;

import io.alluvium.domain.Layer;
import io.alluvium.domain.TableId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The Gold tables (docs/architecture.md#tables). Each is one Spark SQL query in {@code resources/gold/<name>.sql} over
 * the views {@code silver_clickstream}, {@code silver_orders}, {@code silver_payments} (already cut to
 * the days being rebuilt) and {@code dim_city}; the query's columns are the table's columns. Every Gold
 * table is partitioned by {@code event_day}, the unit a rebuild replaces.
 */
public enum GoldTable {
    CITY_HOURLY_SALES("city_hourly_sales"),
    DAILY_FUNNEL("daily_funnel"),
    USER_DAILY_FEATURES("user_daily_features");

    private final String tableName;

    GoldTable(String tableName) {
        this.tableName = tableName;
    }

    public TableId id() {
        return Layer.GOLD.table(tableName);
    }

    public String tableName() {
        return tableName;
    }

    public String sql() {
        String resource = "/gold/" + tableName + ".sql";
        try (InputStream in = GoldTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
