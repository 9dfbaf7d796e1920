package io.alluvium.cli.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.cli.Console;
import java.io.PrintWriter;
import java.io.StringWriter;
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

    /**
     * While the streams run on, the generator has sent more than Bronze holds and Bronze more than Silver has read:
     * the checks against what was sent fail, the checks of each layer against what it was built from hold; a lost
     * Silver row or a doubled Bronze offset fails those too.
     */
    @Test
    void whileTheStreamsRunTheLayersAreCheckedAgainstWhatTheyWereBuiltFrom() throws Exception {
        String moreSent = SENT.replace("\"sent\": 100", "\"sent\": 140");
        String streaming = counted(92, 50, "12.5").replace("\"bronze_rows_unprocessed\": 0", "\"bronze_rows_unprocessed\": 7");
        Reconciliation r = Reconciliation.of(json(moreSent), json(streaming));
        assertThat(r.allHold()).isFalse();
        assertThat(r.failingAtItsCut()).isEmpty();

        assertThat(Reconciliation.of(json(moreSent), json(counted(91, 50, "12.5"))).failingAtItsCut())
                .extracting(Reconciliation.Check::check).containsExactly("bronze = silver + quarantine + duplicates");
        assertThat(Reconciliation.of(json(moreSent), json(counted(92, 49, "12.5"))).failingAtItsCut())
                .extracting(Reconciliation.Check::check).containsExactly("bronze rows = bronze distinct offsets");
        assertThat(Reconciliation.of(json(moreSent), json(counted(92, 50, "12.49"))).failingAtItsCut())
                .extracting(Reconciliation.Check::topic).containsExactly("gold");
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
    void invariantThreeIsOneRowThatFailsWhenACityHourDiffers() throws Exception {
        Reconciliation equal = Reconciliation.of(json(SENT), withServingCheck(
                "{\"compared\": 40, \"equal\": 40, \"missing_in_store\": 0, \"extra_in_store\": 0, \"different\": 0,"
                        + " \"examples\": [], \"holds\": true}"));
        assertThat(equal.checks()).filteredOn(c -> c.invariant().equals("3")).singleElement()
                .satisfies(c -> assertThat(c.check()).isEqualTo("serving store = gold.city_hourly_sales (40 city-hours)"))
                .satisfies(c -> assertThat(c.holds()).isTrue());
        assertThat(equal.allHold()).isTrue();

        Reconciliation different = Reconciliation.of(json(SENT), withServingCheck(
                "{\"compared\": 40, \"equal\": 39, \"missing_in_store\": 0, \"extra_in_store\": 0, \"different\": 1,"
                        + " \"examples\": [{\"key\": \"city_hour:Berlin:2026-11-01T10\","
                        + " \"gold\": {\"orders_paid\": 2}, \"serving_store\": {\"orders_paid\": 1}}], \"holds\": false}"));
        assertThat(different.allHold()).isFalse();
        assertThat(different.checks()).filteredOn(c -> !c.holds()).extracting(Reconciliation.Check::invariant)
                .containsExactly("3");
        assertThat(printed(different)).contains("Invariant 3 fails: 0 city-hours missing in the serving store,"
                + " 0 only in the serving store, 1 different").containsPattern("city_hour:Berlin:2026-11-01T10 \\| gold +\\|"
                + " +\\| +2 \\|").containsPattern("\\| serving s… \\| +\\| +1 \\|")
                .contains("(long cells cut (…), the last 2 of 8 columns left out: --wide or --json shows all)");
    }

    @Test
    void aSkippedInvariantThreeFailsNothingAndIsNoCheck() throws Exception {
        Reconciliation r = Reconciliation.of(json(SENT), withServingCheck("{\"skipped\": \"no city_hour:* keys\"}"));
        assertThat(r.allHold()).isTrue();
        assertThat(r.checks()).extracting(Reconciliation.Check::invariant).doesNotContain("3");
        assertThat(printed(r)).containsPattern("serving +\\| 3 +\\| serving store = gold.city_hourly_sales +\\| - +\\| -"
                + " +\\| skipped").contains("Invariant 3 skipped: no city_hour:* keys");
    }

    @Test
    void goldTotalsArePrintedToTheCent() throws Exception {
        String counted = counted(92, 50, "12711578.20").replace("\"silver\": 12.50", "\"silver\": 12711578.20");
        Reconciliation r = Reconciliation.of(json(SENT), json(counted));
        assertThat(r.allHold()).isTrue();
        assertThat(printed(r)).containsPattern("\\| gold +\\| gold \\| paid +\\| 12711578.20 \\| 12711578.20 \\| yes \\|");
    }

    @Test
    void nothingMeasuredIsNotASuccess() throws Exception {
        assertThat(Reconciliation.of(json(SENT), json("{}")).allHold()).isFalse();
    }

    private static String printed(Reconciliation r) {
        StringWriter out = new StringWriter();
        r.print(new Console(new PrintWriter(out), new PrintWriter(new StringWriter()), false));
        return out.toString();
    }

    private static JsonNode withServingCheck(String servingCheck) throws Exception {
        ObjectNode counted = (ObjectNode) json(counted(92, 50, "12.50"));
        counted.set("serving_check", json(servingCheck));
        return counted;
    }
}
