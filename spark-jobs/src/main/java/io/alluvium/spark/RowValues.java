package io.alluvium.spark;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import scala.collection.Iterable;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Turns the values of a collected Spark row into plain Java values Jackson writes as JSON: numbers stay
 * numbers (decimals exact), dates and timestamps become ISO-8601 strings, arrays lists, structs objects.
 */
public final class RowValues {
    private RowValues() {
    }

    public static List<Object> of(Row row) {
        List<Object> values = new ArrayList<>(row.length());
        for (int i = 0; i < row.length(); i++) {
            values.add(plain(row.get(i)));
        }
        return values;
    }

    static Object plain(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (v instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (v instanceof Row struct) {
            Map<String, Object> fields = new LinkedHashMap<>();
            StructField[] names = struct.schema() == null ? null : struct.schema().fields();
            for (int i = 0; i < struct.length(); i++) {
                fields.put(names == null ? "_" + (i + 1) : names[i].name(), plain(struct.get(i)));
            }
            return fields;
        }
        if (v instanceof scala.collection.Map<?, ?> map) {
            Map<String, Object> entries = new LinkedHashMap<>();
            CollectionConverters.asJava(map).forEach((k, val) -> entries.put(String.valueOf(k), plain(val)));
            return entries;
        }
        if (v instanceof Iterable<?> seq) {
            List<Object> items = new ArrayList<>();
            CollectionConverters.asJava(seq).forEach(x -> items.add(plain(x)));
            return items;
        }
        return v.toString(); // Instant, LocalDate, intervals, variants: their ISO / SQL text
    }
}
