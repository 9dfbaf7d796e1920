package io.alluvium.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.HorizontalAlign;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * What the user sees: Alluvium's own progress and results, as tables for people or one JSON
 * document for machines ({@code --json}), never an engine's log. Status lines go to stderr so that
 * stdout stays parseable in JSON mode.
 */
final class Console {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    Console(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    /** True when a person watches a terminal: progress bars make sense. */
    static boolean interactive() {
        return System.console() != null && System.getenv("CI") == null;
    }

    /** A progress or status line (stderr): "▸ landing events in Bronze". */
    void step(String text) {
        err.println("▸ " + text);
        err.flush();
    }

    void info(String text) {
        (json ? err : out).println(text);
        (json ? err : out).flush();
    }

    void error(String text) {
        err.println("error: " + text);
        err.flush();
    }

    /** A table of results; numbers right-aligned. */
    void table(List<String> headers, List<List<String>> rows) {
        List<Column> cols = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            final int idx = i;
            boolean numeric = !rows.isEmpty() && rows.stream()
                    .allMatch(r -> idx < r.size() && r.get(idx) != null && r.get(idx).matches("-?[\\d.,]+%?"));
            cols.add(new Column().header(headers.get(i))
                    .dataAlign(numeric ? HorizontalAlign.RIGHT : HorizontalAlign.LEFT));
        }
        String[][] data = rows.stream()
                .map(r -> r.stream().map(v -> v == null ? "" : v).toArray(String[]::new))
                .toArray(String[][]::new);
        out.println(AsciiTable.getTable(AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS,
                cols.toArray(new Column[0]), data));
        out.flush();
    }

    /** The whole result as one JSON document on stdout. */
    void printJson(Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
            out.flush();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON: " + e.getMessage(), e);
        }
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }
}
