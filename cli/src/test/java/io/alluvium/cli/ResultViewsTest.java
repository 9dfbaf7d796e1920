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

    @Test
    void moneyIsShownToTheCentAndNoNumberInScientificNotation() throws Exception {
        ResultViews.show(Console.JSON.readTree("""
                {"gold_rows": 1352, "paid_total": 12711578.24, "round_total": 12711500.00, "ratio": 1.0E10,
                 "top_city_hours_by_paid_amount": [{"city": "Berlin", "paid_amount": 484165.60},
                                                   {"city": "Paris", "paid_amount": 0.50}]}"""), console);

        assertThat(out.toString()).contains("paid_total: 12711578.24").contains("round_total: 12711500.00")
                .contains("ratio: 10000000000").containsPattern("\\| Berlin \\| +484165.60 \\|")
                .containsPattern("\\| Paris +\\| +0.50 \\|").doesNotContainPattern("\\dE[+-]?\\d");
    }

    @Test
    void sqlRowsShowDecimalsAsTheyCame() throws Exception {
        ResultViews.rows(Console.JSON.readTree("""
                {"columns": ["city", "paid"], "types": ["string", "decimal(28,2)"],
                 "rows": [["Berlin", 12711578.24], ["Paris", 484165.60], ["Rome", null]], "truncated": false}"""),
                console);

        assertThat(out.toString()).containsPattern("\\| Berlin \\| 12711578.24 \\|")
                .containsPattern("\\| Paris +\\| 484165.60 +\\|").containsPattern("\\| Rome +\\| NULL +\\|")
                .contains("3 row(s)");
    }
}
