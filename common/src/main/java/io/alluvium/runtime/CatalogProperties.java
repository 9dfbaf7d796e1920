package io.alluvium.runtime;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Iceberg catalog as every engine must see it: one JDBC catalog (embedded PostgreSQL by default,
 * RDS or any PostgreSQL by URL) over one warehouse, so that a table Flink writes is the table Spark reads.
 */
public final class CatalogProperties {
    private CatalogProperties() {
    }

    /** The JDBC URL of the catalog database: the configured one, else the embedded PostgreSQL. */
    public static String jdbcUrl(AlluviumConfig config) {
        String url = config.getString(AlluviumSettings.CATALOG_JDBC_URL);
        return url.isEmpty()
                ? "jdbc:postgresql://127.0.0.1:" + config.getInt(AlluviumSettings.CATALOG_POSTGRES_PORT) + "/postgres"
                : url;
    }

    public static boolean embeddedDatabase(AlluviumConfig config) {
        return config.getString(AlluviumSettings.CATALOG_JDBC_URL).isEmpty();
    }

    /** The warehouse location: the configured one, else {@code <data.dir>/warehouse}. */
    public static String warehouse(AlluviumConfig config) {
        String w = config.getString(AlluviumSettings.CATALOG_WAREHOUSE);
        return w.isEmpty() ? DataDir.of(config).warehouse().toUri().toString() : w;
    }

    /**
     * Properties for Iceberg's {@code CatalogUtil.buildIcebergCatalog} (and, prefixed with
     * {@code spark.sql.catalog.<name>.}, for Spark). Contains the password: never log it.
     */
    public static Map<String, String> of(AlluviumConfig config) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("type", "jdbc");
        p.put("uri", jdbcUrl(config));
        p.put("jdbc.user", config.getString(AlluviumSettings.CATALOG_JDBC_USER));
        p.put("jdbc.password", config.getPassword(AlluviumSettings.CATALOG_JDBC_PASSWORD).reveal());
        p.put("jdbc.schema-version", "V1");
        p.put("warehouse", warehouse(config));
        return p;
    }

    /** The catalog name as seen from SQL ({@code alluvium.bronze.orders}). */
    public static String name(AlluviumConfig config) {
        return config.getString(AlluviumSettings.CATALOG_NAME);
    }
}
