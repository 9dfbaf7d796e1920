package io.alluvium.spark;

import io.alluvium.domain.Layer;
import io.alluvium.domain.TableId;
import io.alluvium.tables.BronzeTable;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Where the batch layer's tables are, and creates and evolves them. A table is created on first use with
 * the columns its job produces; when a job later produces a column the table lacks (schema v2 of orders
 * brings {@code coupon_code}), the column is added with ALTER TABLE instead of failing the write.
 *
 * <p>The platform's tables are in their layers' namespaces ({@code silver.orders}). A scratch lake puts
 * the layers the batch layer writes under a prefix ({@code bench_silver.orders}) and still reads the real
 * Bronze: that is how {@code bench batch} runs the very same jobs without touching the platform's tables.
 */
public final class LakeTables {
    private final SparkSession spark;
    private final String scratchPrefix;

    public LakeTables(SparkSession spark) {
        this(spark, "");
    }

    private LakeTables(SparkSession spark, String scratchPrefix) {
        this.spark = spark;
        this.scratchPrefix = scratchPrefix;
    }

    /** Silver, Quarantine and Gold under {@code prefix + layer} (e.g. {@code bench_gold}); Bronze as it is. */
    public static LakeTables scratch(SparkSession spark, String prefix) {
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("a scratch lake needs a namespace prefix");
        }
        return new LakeTables(spark, prefix);
    }

    /** The namespace of a layer's tables here. */
    public String namespace(Layer layer) {
        return layer == Layer.BRONZE ? layer.namespace() : scratchPrefix + layer.namespace();
    }

    /** The name Spark SQL knows {@code table} by here, e.g. {@code silver.orders} or {@code bench_silver.orders}. */
    public String name(TableId table) {
        return namespace(table.layer()) + "." + table.name();
    }

    public boolean exists(TableId table) {
        return spark.catalog().tableExists(name(table));
    }

    /** The Iceberg table as committed now (the catalog cache is off, so this is always fresh). */
    public Table load(TableId table) {
        try {
            return Spark3Util.loadIcebergTable(spark, name(table));
        } catch (Exception e) {
            throw new IllegalStateException("cannot load " + table + ": " + e.getMessage(), e);
        }
    }

    /**
     * Drops every table of this lake's Silver, Quarantine and Gold namespaces, files included, then the
     * namespaces; Bronze is kept. What the benches do between builds, so that the next one starts from
     * Bronze alone (Silver's and Gold's watermarks are in their own tables' commits: they go with them).
     */
    public void dropBuilt() {
        for (Layer layer : List.of(Layer.SILVER, Layer.QUARANTINE, Layer.GOLD)) {
            String namespace = namespace(layer);
            if (!spark.catalog().databaseExists(namespace)) {
                continue;
            }
            for (Row table : spark.sql("SHOW TABLES IN " + namespace).collectAsList()) {
                spark.sql("DROP TABLE IF EXISTS " + namespace + "." + table.getAs("tableName") + " PURGE");
            }
            spark.sql("DROP NAMESPACE IF EXISTS " + namespace);
        }
    }

    /**
     * Makes {@code table} exist with at least {@code schema}'s columns. {@code partitionBy} is a Spark
     * partition transform list, e.g. {@code event_day} or {@code days(kafka_timestamp)}.
     */
    public void ensure(TableId table, StructType schema, String partitionBy) {
        spark.sql("CREATE NAMESPACE IF NOT EXISTS " + namespace(table.layer()));
        if (!exists(table)) {
            String properties = BronzeTable.PROPERTIES.entrySet().stream()
                    .map(e -> "'" + e.getKey() + "'='" + e.getValue() + "'")
                    .collect(Collectors.joining(", "));
            // Same properties as Bronze: batch and maintenance commit to these tables concurrently.
            spark.sql("CREATE TABLE IF NOT EXISTS " + name(table) + " (" + schema.toDDL() + ") USING iceberg"
                    + " PARTITIONED BY (" + partitionBy + ") TBLPROPERTIES (" + properties + ")");
            return;
        }
        Set<String> present = Arrays.stream(spark.table(name(table)).schema().fieldNames())
                .collect(Collectors.toSet());
        for (StructField field : schema.fields()) {
            if (!present.contains(field.name())) {
                spark.sql("ALTER TABLE " + name(table) + " ADD COLUMN " + field.name() + " " + field.dataType().sql());
            }
        }
    }
}
