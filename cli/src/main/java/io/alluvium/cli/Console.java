package io.alluvium.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.HorizontalAlign;
import com.github.freva.asciitable.OverflowBehaviour;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the user sees: Alluvium's own progress and results, as tables for people or one JSON
 * document for machines ({@code --json}), never an engine's log. Status lines go to stderr so that
 * stdout stays parseable in JSON mode. Tables fit {@value #WIDTH} characters unless {@code --wide}.
 */
public final class Console {
    /**
     * Reads and writes the JSON of results. Decimals are read as written, to the cent ({@code 484165.60} stays
     * that, not the double 484165.6): money is exact from the engine to the screen.
     */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    /** The width tables are fitted to: a terminal's, with room to spare. */
    static final int WIDTH = 100;

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final boolean wide;

    /** A console whose tables fit {@value #WIDTH} characters. */
    public Console(PrintWriter out, PrintWriter err, boolean json) {
        this(out, err, json, false);
    }

    /** @param wide tables at full width, whatever it is */
    public Console(PrintWriter out, PrintWriter err, boolean json, boolean wide) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.wide = wide;
    }

    public boolean json() {
        return json;
    }

    /** True when a person watches a terminal: progress bars make sense. */
    public static boolean interactive() {
        return System.console() != null && System.getenv("CI") == null;
    }

    /** A progress or status line (stderr): "▸ landing events in Bronze". */
    public void step(String text) {
        err.println("▸ " + text);
        err.flush();
    }

    public void info(String text) {
        (json ? err : out).println(text);
        (json ? err : out).flush();
    }

    public void error(String text) {
        err.println("error: " + text);
        err.flush();
    }

    /**
     * A table of results; numbers right-aligned. One too wide for {@value #WIDTH} characters has its widest
     * cells cut (…) and, if need be, its last columns left out, and says so below it.
     */
    public void table(List<String> headers, List<List<String>> rows) {
        table(headers, rows, OverflowBehaviour.ELLIPSIS_RIGHT);
    }

    /** A table of prose ({@code settings}): its widest cells wrap onto more lines, where {@link #table} cuts them. */
    public void proseTable(List<String> headers, List<List<String>> rows) {
        table(headers, rows, OverflowBehaviour.NEWLINE);
    }

    private void table(List<String> headers, List<List<String>> rows, OverflowBehaviour overflow) {
        String[][] data = rows.stream()
                .map(r -> r.stream().map(v -> v == null ? "" : v).toArray(String[]::new))
                .toArray(String[][]::new);
        List<Integer> natural = widths(headers, data);
        TableFit fit = wide ? new TableFit(natural) : TableFit.of(natural, WIDTH);
        Column[] cols = new Column[fit.shown()];
        boolean cut = false;
        for (int i = 0; i < fit.shown(); i++) {
            final int idx = i;
            boolean numeric = data.length > 0 && Arrays.stream(data)
                    .allMatch(r -> idx < r.length && r[idx].matches("-?[\\d.,]+%?"));
            cols[i] = new Column().header(headers.get(i))
                    .dataAlign(numeric ? HorizontalAlign.RIGHT : HorizontalAlign.LEFT);
            if (fit.widths().get(i) < natural.get(i)) {
                // the library's width counts the cell's padding, one space on each side
                cols[i].maxWidth(fit.widths().get(i) + 2, overflow);
                cut = true;
            }
        }
        String[][] shown = Arrays.stream(data).map(r -> Arrays.copyOf(r, fit.shown())).toArray(String[][]::new);
        out.println(AsciiTable.getTable(AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS, cols, shown));
        List<String> cuts = new ArrayList<>();
        if (cut && overflow != OverflowBehaviour.NEWLINE) {
            cuts.add("long cells cut (…)");
        }
        if (fit.shown() < headers.size()) {
            cuts.add("the last " + (headers.size() - fit.shown()) + " of " + headers.size() + " columns left out");
        }
        if (!cuts.isEmpty()) {
            out.println("(" + String.join(", ", cuts) + ": --wide or --json shows all)");
        }
        out.flush();
    }

    /** Each column's widest line of text, header included. */
    private static List<Integer> widths(List<String> headers, String[][] data) {
        List<Integer> widths = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            int widest = headers.get(i).length();
            for (String[] row : data) {
                if (i < row.length) {
                    for (String line : row[i].split("\\R", -1)) {
                        widest = Math.max(widest, line.length());
                    }
                }
            }
            widths.add(widest);
        }
        return widths;
    }

    /** The whole result as one JSON document on stdout. */
    public void printJson(Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
            out.flush();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON: " + e.getMessage(), e);
        }
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }
}
