package io.alluvium.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Tables as a person sees them: within 100 characters unless --wide, saying what was cut or left out. */
class ConsoleTableTest {
    private final StringWriter out = new StringWriter();

    private String table(boolean wide, List<String> headers, List<List<String>> rows) {
        new Console(new PrintWriter(out), new PrintWriter(new StringWriter()), false, wide).table(headers, rows);
        return out.toString();
    }

    private static List<String> lines(String text) {
        return text.lines().toList();
    }

    @Test
    void aNarrowTableIsDrawnWholeWithoutANote() {
        String shown = table(false, List.of("topic", "rows"), List.of(List.of("orders", "12")));
        assertThat(shown).isEqualTo("""
                +--------+------+
                | topic  | rows |
                +--------+------+
                | orders |   12 |
                +--------+------+
                """.replace("\n", System.lineSeparator()));
    }

    @Test
    void oneLongColumnIsCutAloneAndTheNoteSaysHowToSeeItWhole() {
        String longText = "a description that goes on and on ".repeat(5).strip();
        String shown = table(false, List.of("key", "value", "meaning"),
                List.of(List.of("realtime.fraud.declines-before-approval", "3", longText)));
        assertThat(lines(shown)).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
        assertThat(lines(shown).get(3)).isEqualTo("| realtime.fraud.declines-before-approval |     3 | a description"
                + " that goes on and on a descripti… |");
        assertThat(lines(shown).get(5)).isEqualTo("(long cells cut (…): --wide or --json shows all)");
    }

    @Test
    void columnsThatCannotFitAreLeftOutAndCounted() {
        List<String> headers = IntStream.rangeClosed(1, 12).mapToObj(i -> "column_" + i).toList();
        List<String> row = Collections.nCopies(12, "2026-11-01T10:00:00Z");
        String shown = table(false, headers, List.of(row, row));
        assertThat(lines(shown)).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
        assertThat(lines(shown).get(1)).startsWith("| column_1             | column_2   |");
        assertThat(lines(shown).get(3)).as("the first column names the row: it is not cut")
                .startsWith("| 2026-11-01T10:00:00Z | 2026-11-0… |");
        assertThat(lines(shown).get(lines(shown).size() - 1))
                .isEqualTo("(long cells cut (…), the last 6 of 12 columns left out: --wide or --json shows all)");
    }

    @Test
    void wideShowsEveryColumnWhole() {
        List<String> headers = IntStream.rangeClosed(1, 12).mapToObj(i -> "column_" + i).toList();
        List<List<String>> rows = new ArrayList<>();
        rows.add(Collections.nCopies(12, "2026-11-01T10:00:00Z"));
        String shown = table(true, headers, rows);
        assertThat(lines(shown).get(1)).hasSize(1 + 12 * 23).contains("column_12");
        assertThat(lines(shown).get(3)).contains("| 2026-11-01T10:00:00Z |");
        assertThat(shown).doesNotContain("…").doesNotContain("--wide");
    }

    @Test
    void proseWrapsInsteadOfBeingCut() {
        String longText = "word ".repeat(60).strip();
        new Console(new PrintWriter(out), new PrintWriter(new StringWriter()), false)
                .proseTable(List.of("key", "meaning"), List.of(List.of("kafka.port", longText)));
        assertThat(lines(out.toString())).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
        assertThat(out.toString()).doesNotContain("…").doesNotContain("--wide");
        assertThat(lines(out.toString()).stream().filter(l -> l.startsWith("|")).skip(1)
                .mapToLong(l -> l.split("\\|")[2].split("word", -1).length - 1).sum()).isEqualTo(60);
    }

    @Test
    void settingsFitsAHundredCharactersAndWideShowsEachMeaningOnOneLine() {
        StringWriter fitted = new StringWriter();
        StringWriter wide = new StringWriter();
        for (StringWriter to : List.of(fitted, wide)) {
            CommandLine cmd = Main.commandLine();
            cmd.setOut(new PrintWriter(to, true));
            assertThat(cmd.execute(to == wide ? new String[] {"settings", "--wide"} : new String[] {"settings"})).isZero();
        }
        assertThat(lines(fitted.toString())).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
        assertThat(fitted.toString()).contains("| realtime.fraud.declines-before-approval |").doesNotContain("…");
        assertThat(lines(wide.toString())).anySatisfy(line -> assertThat(line.length()).isGreaterThan(100));
    }
}
