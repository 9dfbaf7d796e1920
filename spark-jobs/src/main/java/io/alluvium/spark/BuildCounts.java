package io.alluvium.spark;

import io.alluvium.domain.Layer;
import io.alluvium.domain.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.StructField;

/**
 * The numbers two builds of Silver, Quarantine and Gold from the same Bronze must agree on: Silver rows
 * and distinct event_ids per topic, Quarantine rows per topic and reason, and per Gold table its rows and
 * the sum of every integer and decimal column. Exists so that {@code bench batch} only compares the speed
 * of builds that computed the same thing.
 */
public record BuildCounts(Map<String, String> counts) {

    public static BuildCounts of(SparkSession spark, LakeTables lake) {
        Map<String, String> counts = new TreeMap<>();
        for (Topic t : Topic.values()) {
            String silver = lake.name(Layer.SILVER.table(t));
            Row s = spark.sql("SELECT count(*), count(DISTINCT event_id) FROM " + silver).first();
            counts.put("silver." + t.topicName() + " rows", Long.toString(s.getLong(0)));
            counts.put("silver." + t.topicName() + " distinct event_ids", Long.toString(s.getLong(1)));
            String quarantine = lake.name(Layer.QUARANTINE.table(t));
            for (Row r : spark.sql("SELECT reason, count(*) FROM " + quarantine + " GROUP BY reason").collectAsList()) {
                counts.put("quarantine." + t.topicName() + " " + r.getString(0), Long.toString(r.getLong(1)));
            }
        }
        for (GoldTable g : GoldTable.values()) {
            String table = lake.name(g.id());
            List<String> names = new ArrayList<>(List.of("rows"));
            List<String> totals = new ArrayList<>(List.of("count(*)"));
            for (StructField f : spark.table(table).schema().fields()) {
                if (f.dataType() instanceof IntegralType || f.dataType() instanceof DecimalType) {
                    names.add("sum(" + f.name() + ")");
                    totals.add("CAST(sum(" + f.name() + ") AS string)");
                }
            }
            Row r = spark.sql("SELECT " + String.join(", ", totals) + " FROM " + table).first();
            for (int i = 0; i < names.size(); i++) {
                counts.put("gold." + g.tableName() + " " + names.get(i), String.valueOf(r.get(i)));
            }
        }
        return new BuildCounts(counts);
    }

    /** The entries whose values differ from {@code other}'s (either side missing counts as different). */
    public Map<String, String> differencesFrom(BuildCounts other) {
        Map<String, String> diff = new TreeMap<>();
        Set<String> keys = new TreeSet<>(counts.keySet());
        keys.addAll(other.counts.keySet());
        for (String k : keys) {
            if (!Objects.equals(counts.get(k), other.counts.get(k))) {
                diff.put(k, counts.get(k) + " vs " + other.counts.get(k));
            }
        }
        return diff;
    }
}
