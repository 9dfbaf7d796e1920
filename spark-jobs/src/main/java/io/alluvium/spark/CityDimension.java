package io.alluvium.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The small city → country, region dimension, shipped as {@code resources/cities.csv} and registered as
 * the view {@code dim_city}. It is a few dozen rows, so Gold joins it by broadcast (no shuffle of the
 * large side); a city missing from it shows as country and region "unknown" rather than losing rows.
 */
public final class CityDimension {
    public static final String VIEW = "dim_city";
    private static final StructType SCHEMA = StructType.fromDDL("city string, country string, region string");

    private CityDimension() {
    }

    public static void register(SparkSession spark) {
        spark.createDataFrame(rows(), SCHEMA).createOrReplaceTempView(VIEW);
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                CityDimension.class.getResourceAsStream("/cities.csv"), StandardCharsets.UTF_8))) {
            in.readLine(); // header
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    String[] f = line.split(",", -1);
                    rows.add(RowFactory.create(f[0].trim(), f[1].trim(), f[2].trim()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
