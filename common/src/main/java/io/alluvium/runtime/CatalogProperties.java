package io.alluvium.runtime;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.config.Password;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Iceberg catalog as every engine must see it: one JDBC catalog (embedded PostgreSQL by default,
 * RDS or any PostgreSQL by URL) over one warehouse — a directory, or S3 through {@link ObjectStoreAccess} — so
 * that a table Flink writes is the table Spark reads.
 */
public final class CatalogProperties {
    /** The database of the embedded PostgreSQL that holds the catalog, owned by the catalog's own login role. */
    public static final String EMBEDDED_DATABASE = "alluvium_catalog";

    private CatalogProperties() {
    }

    /** The JDBC URL of the catalog database: the configured one, else the embedded PostgreSQL. */
    public static String jdbcUrl(AlluviumConfig config) {
        String url = config.getString(AlluviumSettings.CATALOG_JDBC_URL);
        return url.isEmpty()
                ? "jdbc:postgresql://127.0.0.1:" + config.getInt(AlluviumSettings.CATALOG_POSTGRES_PORT) + "/"
                        + EMBEDDED_DATABASE
                : url;
    }

    /**
     * The password of {@code catalog.jdbc-user}: the configured one, else, for the embedded PostgreSQL, the one
     * generated for this data directory.
     */
    public static Password password(AlluviumConfig config) {
        Password configured = config.getPassword(AlluviumSettings.CATALOG_JDBC_PASSWORD);
        return configured.isEmpty() && embeddedDatabase(config)
                ? GeneratedPassword.catalog(DataDir.of(config)).value()
                : configured;
    }

    public static boolean embeddedDatabase(AlluviumConfig config) {
        return config.getString(AlluviumSettings.CATALOG_JDBC_URL).isEmpty();
    }

    /**
     * The warehouse location: the configured one, else {@code s3://alluvium/warehouse} on the embedded object store
     * when it runs, else {@code <data.dir>/warehouse}.
     */
    public static String warehouse(AlluviumConfig config) {
        String w = config.getString(AlluviumSettings.CATALOG_WAREHOUSE);
        if (!w.isEmpty()) {
            return w;
        }
        return config.getBoolean(AlluviumSettings.OBJECT_STORE_EMBEDDED)
                ? "s3://" + ObjectStoreAccess.EMBEDDED_BUCKET + "/warehouse"
                : DataDir.of(config).warehouse().toUri().toString();
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
        p.put("jdbc.password", password(config).reveal());
        p.put("jdbc.schema-version", "V1");
        p.put("warehouse", warehouse(config));
        if (ObjectStoreAccess.onS3(warehouse(config))) {
            ObjectStoreAccess s3 = ObjectStoreAccess.of(config);
            p.putAll(s3.catalogProperties());
            s3.checksumsOnlyWhenRequired();
        }
        return p;
    }

    /** The catalog name as seen from SQL ({@code alluvium.bronze.orders}). */
    public static String name(AlluviumConfig config) {
        return config.getString(AlluviumSettings.CATALOG_NAME);
    }
}
