package io.alluvium.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Job results as a person sees them on the console: tables and lines, never an empty screen. */
class ResultViewsTest {
    private final StringWriter out = new StringWriter();
    private final Console console = new Console(new PrintWriter(out), new PrintWriter(new StringWriter()), false);

    @Test
    void aResultThatIsAListOfRecordsIsATable() throws Exception {
        ResultViews.show(Console.JSON.readTree("""
                [{"table": "bronze.orders", "current_snapshot_id": 7, "last_updated": "2026-11-01T10:00:00Z",
                  "records": 120, "data_files": 2, "total_bytes": 4096},
                 {"table": "silver.orders", "current_snapshot_id": null, "last_updated": null,
                  "records": 0, "data_files": 0, "total_bytes": 0}]"""), console);

        assertThat(out.toString()).containsPattern("\\| table +\\| current_snapshot_id \\| last_updated +\\| records \\|")
                .containsPattern("\\| bronze.orders \\| 7 +\\| 2026-11-01T10:00:00Z \\| +120 \\|")
                .containsPattern("\\| silver.orders \\| +\\| +\\| +0 \\|");
    }

    @Test
    void anEmptyListSaysSo() throws Exception {
        ResultViews.show(Console.JSON.readTree("[]"), console);
        assertThat(out.toString()).isEqualTo("(none)" + System.lineSeparator());
    }
}
