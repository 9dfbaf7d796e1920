package io.alluvium.spark.bench;

import io.alluvium.domain.Layer;
import io.alluvium.spark.BronzeSnapshots;
import io.alluvium.spark.CityDimension;
import io.alluvium.spark.LakeTables;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/**
 * The baseline of {@code bench batch}: {@code resources/bench/handwritten.sql}, one plain Spark SQL script
 * doing Alluvium's Silver, Quarantine and Gold work from pinned Bronze snapshots into the namespaces of a
 * scratch lake. Exists so the bench compares Alluvium's jobs with what a data engineer would write by hand,
 * run statement by statement exactly as written.
 */
final class HandWrittenSql {
    static final String RESOURCE = "/bench/handwritten.sql";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");

    private final List<String> statements;

    private HandWrittenSql(List<String> statements) {
        this.statements = statements;
    }

    /** The script with its namespaces and the Bronze snapshot of each topic filled in. */
    static HandWrittenSql forLake(LakeTables output, BronzeSnapshots bronze) {
        Map<String, String> values = new HashMap<>();
        for (Layer layer : Layer.values()) {
            values.put(layer.namespace(), output.namespace(layer));
        }
        bronze.ids().forEach((topic, id) -> values.put(topic.topicName() + "_snapshot", Long.toString(id)));
        return new HandWrittenSql(split(fill(script(), values)));
    }

    /** Runs every statement in order (the script's Gold joins the city dimension, registered here). */
    void run(SparkSession spark) {
        CityDimension.register(spark);
        for (String statement : statements) {
            spark.sql(statement);
        }
    }

    private static String fill(String script, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(script);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException(RESOURCE + " uses an unknown placeholder " + m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Statements end with ";" at the end of a line; lines starting with "--" are comments. */
    private static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            if (line.strip().startsWith("--")) {
                continue;
            }
            String trimmed = line.stripTrailing();
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                statements.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException(RESOURCE + " ends without \";\": " + current.toString().strip());
        }
        return statements;
    }

    private static String script() {
        try (InputStream in = HandWrittenSql.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
