package io.alluvium.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shows a job's JSON result to a person: scalars as "name: value" lines, a list of records or a map
 * of records (per topic, per table) as a table, and so a result that is itself a list of records
 * ({@code table list}). Numbers are shown as written, never in scientific notation: money with its
 * cents ({@code 12711578.24}, not {@code 1.271157824E7}). With {@code --json} the result is printed as is.
 */
public final class ResultViews {
    private ResultViews() {
    }

    /** Any result: tables where the shape allows, lines elsewhere. */
    public static void show(JsonNode result, Console console) {
        if (console.json()) {
            console.printJson(result);
            return;
        }
        if (result.isArray()) {
            if (result.isEmpty()) {
                console.info("(none)");
            } else {
                recordsTable(null, result, console);
            }
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = result.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode v = f.getValue();
            if (v.isArray() && v.size() > 0 && v.get(0).isObject()) {
                console.info(f.getKey() + ":");
                recordsTable(null, v, console);
            } else if (v.isObject() && v.size() > 0 && allObjects(v)) {
                console.info(f.getKey() + ":");
                recordsTable(f.getKey(), v, console);
            } else if (v.isValueNode()) {
                console.info(f.getKey() + ": " + text(v));
            } else {
                console.info(f.getKey() + ": " + v);
            }
        }
    }

    /** The result of {@code sql}: {"columns": [...], "rows": [[...], ...]}. */
    public static void rows(JsonNode result, Console console) {
        if (console.json()) {
            console.printJson(result);
            return;
        }
        List<String> headers = new ArrayList<>();
        result.path("columns").forEach(c -> headers.add(c.isObject() ? c.path("name").asText() : c.asText()));
        List<List<String>> rows = new ArrayList<>();
        result.path("rows").forEach(r -> {
            List<String> row = new ArrayList<>();
            r.forEach(cell -> row.add(cell.isNull() ? "NULL" : text(cell)));
            rows.add(row);
        });
        if (headers.isEmpty()) {
            console.info("(no result set)");
            return;
        }
        console.table(headers, rows);
        console.info(rows.size() + " row(s)" + (result.path("truncated").asBoolean() ? " (truncated)" : ""));
    }

    private static boolean allObjects(JsonNode object) {
        for (JsonNode child : object) {
            if (!child.isObject()) {
                return false;
            }
        }
        return true;
    }

    private static void recordsTable(String keyName, JsonNode records, Console console) {
        Set<String> columns = new LinkedHashSet<>();
        records.forEach(r -> r.fieldNames().forEachRemaining(columns::add));
        List<String> headers = new ArrayList<>();
        if (keyName != null) {
            headers.add("name");
        }
        headers.addAll(columns);
        List<List<String>> rows = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = records.isObject() ? records.fields() : null;
        if (it != null) {
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                List<String> row = new ArrayList<>();
                row.add(e.getKey());
                columns.forEach(c -> row.add(cell(e.getValue().get(c))));
                rows.add(row);
            }
        } else {
            records.forEach(r -> {
                List<String> row = new ArrayList<>();
                columns.forEach(c -> row.add(cell(r.get(c))));
                rows.add(row);
            });
        }
        console.table(headers, rows);
    }

    private static String cell(JsonNode v) {
        if (v == null || v.isNull()) {
            return "";
        }
        if (v.isObject()) {
            StringBuilder sb = new StringBuilder();
            v.fields().forEachRemaining(e -> sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                    .append(cell(e.getValue())));
            return sb.toString();
        }
        return text(v);
    }

    /** A value as a person reads it: a number in plain digits, as exact as it came ({@code 484165.60}). */
    public static String text(JsonNode v) {
        if (v.isFloatingPointNumber()) {
            return v.decimalValue().toPlainString();
        }
        return v.isContainerNode() ? v.toString() : v.asText();
    }
}
