package io.alluvium.spark;

import io.alluvium.domain.TableId;
import io.alluvium.tables.BronzeTable;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Creates and evolves the tables the batch layer writes. A table is created on first use with the
 * columns its job produces; when a job later produces a column the table lacks (schema v2 of orders
 * brings {@code coupon_code}), the column is added with ALTER TABLE instead of failing the write.
 */
public final class LakeTables {
    private final SparkSession spark;

    public LakeTables(SparkSession spark) {
        this.spark = spark;
    }

    public boolean exists(TableId table) {
        return spark.catalog().tableExists(table.toString());
    }

    /** The Iceberg table as committed now (the catalog cache is off, so this is always fresh). */
    public Table load(TableId table) {
        try {
            return Spark3Util.loadIcebergTable(spark, table.toString());
        } catch (Exception e) {
            throw new IllegalStateException("cannot load " + table + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes {@code table} exist with at least {@code schema}'s columns. {@code partitionBy} is a Spark
     * partition transform list, e.g. {@code event_day} or {@code days(kafka_timestamp)}.
     */
    public void ensure(TableId table, StructType schema, String partitionBy) {
        spark.sql("CREATE NAMESPACE IF NOT EXISTS " + table.namespace());
        if (!exists(table)) {
            String properties = BronzeTable.PROPERTIES.entrySet().stream()
                    .map(e -> "'" + e.getKey() + "'='" + e.getValue() + "'")
                    .collect(Collectors.joining(", "));
            // Same properties as Bronze: batch and maintenance commit to these tables concurrently.
            spark.sql("CREATE TABLE IF NOT EXISTS " + table + " (" + schema.toDDL() + ") USING iceberg"
                    + " PARTITIONED BY (" + partitionBy + ") TBLPROPERTIES (" + properties + ")");
            return;
        }
        Set<String> present = Arrays.stream(spark.table(table.toString()).schema().fieldNames())
                .collect(Collectors.toSet());
        for (StructField field : schema.fields()) {
            if (!present.contains(field.name())) {
                spark.sql("ALTER TABLE " + table + " ADD COLUMN " + field.name() + " " + field.dataType().sql());
            }
        }
    }
}
