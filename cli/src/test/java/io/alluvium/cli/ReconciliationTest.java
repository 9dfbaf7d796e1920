package io.alluvium.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The reconciliation arithmetic: a balanced platform passes, and each kind of imbalance is caught. */
class ReconciliationTest {
    private static final String SENT = """
            {"clickstream": {"sent": 100, "distinct": 95, "duplicates": 5, "malformed": 3},
             "orders": {"sent": 50, "distinct": 48, "duplicates": 2, "malformed": 1},
             "payments": {"sent": 10, "distinct": 10, "duplicates": 0, "malformed": 0}}""";

    private static JsonNode json(String s) throws Exception {
        return Console.JSON.readTree(s);
    }

    private static String counted(long clickSilver, long ordersOffsets, String goldPaid) {
        return """
                {"topics": [
                  {"topic": "clickstream", "bronze_rows": 100, "bronze_distinct_offsets": 100, "bronze_rows_unprocessed": 0,
                   "silver_rows": %d, "silver_distinct_event_ids": %d, "quarantine_rows": 3, "duplicates_in_bronze": 5},
                  {"topic": "orders", "bronze_rows": 50, "bronze_distinct_offsets": %d, "bronze_rows_unprocessed": 0,
                   "silver_rows": 47, "silver_distinct_event_ids": 47, "quarantine_rows": 1, "duplicates_in_bronze": 2},
                  {"topic": "payments", "bronze_rows": 10, "bronze_distinct_offsets": 10, "bronze_rows_unprocessed": 0,
                   "silver_rows": 10, "silver_distinct_event_ids": 10, "quarantine_rows": 0, "duplicates_in_bronze": 0}],
                 "gold_up_to_date": true,
                 "gold_checks": [{"check": "paid", "gold": %s, "silver": 12.50, "equal": true}]}
                """.formatted(clickSilver, clickSilver, ordersOffsets, goldPaid);
    }

    @Test
    void aBalancedPlatformHolds() throws Exception {
        Reconciliation r = Reconciliation.of(json(SENT), json(counted(92, 50, "12.5")));
        assertThat(r.checks()).filteredOn(c -> !c.holds()).isEmpty();
        assertThat(r.allHold()).isTrue();
        assertThat(r.checks()).hasSize(3 * 8 + 2);
    }

    @Test
    void aLostSilverRowIsCaught() throws Exception {
        Reconciliation r = Reconciliation.of(json(SENT), json(counted(91, 50, "12.50")));
        assertThat(r.allHold()).isFalse();
        assertThat(r.checks()).filteredOn(c -> !c.holds()).extracting(Reconciliation.Check::check)
                .contains("bronze = silver + quarantine + duplicates", "silver = distinct sent − malformed");
    }

    @Test
    void aDoubledBronzeOffsetIsCaught() throws Exception {
        Reconciliation r = Reconciliation.of(json(SENT), json(counted(92, 49, "12.50")));
        assertThat(r.checks()).filteredOn(c -> !c.holds()).extracting(Reconciliation.Check::check)
                .contains("bronze distinct offsets = records sent", "bronze rows = bronze distinct offsets");
    }

    @Test
    void aGoldTotalThatDiffersFromSilverIsCaught() throws Exception {
        Reconciliation r = Reconciliation.of(json(SENT), json(counted(92, 50, "12.49")));
        assertThat(r.checks()).filteredOn(c -> !c.holds()).extracting(Reconciliation.Check::topic).containsExactly("gold");
    }

    @Test
    void nothingMeasuredIsNotASuccess() throws Exception {
        assertThat(Reconciliation.of(json(SENT), json("{}")).allHold()).isFalse();
    }
}
