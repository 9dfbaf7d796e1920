package io.alluvium.cli.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.alluvium.cli.Console;
import io.alluvium.cli.ResultViews;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.domain.ServingFields;
import io.alluvium.domain.Topic;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Proves invariants 1, 2 and 3 of docs/architecture.md#invariants with numbers from independent sources: what the generator
 * had acknowledged by the broker, what Spark counts in each layer's table, and what the realtime job
 * keeps in the serving store.
 * <ul>
 *   <li>1: every sent record is in Bronze exactly once: distinct (partition, offset) = sent = rows;</li>
 *   <li>2: Bronze = Silver + Quarantine + duplicates dropped; and each term equals what was injected;</li>
 *   <li>Gold: every Gold total equals the same total computed from Silver;</li>
 *   <li>3: every city-hour of the serving store equals gold.city_hourly_sales (Spark's {@code serving_check}),
 *   when the store holds city-hours to compare: a skipped check (none yet, or no Gold) is shown with its reason
 *   and fails nothing; a store that is down or refuses the credentials stops {@code reconcile} before it counts.</li>
 * </ul>
 */
final class Reconciliation {

    /** One check: a named equation, both sides, and whether they match. */
    record Check(String topic, String invariant, String check, String expected, String actual) {
        @JsonProperty("ok")
        boolean holds() {
            try {
                return new BigDecimal(expected).compareTo(new BigDecimal(actual)) == 0;
            } catch (NumberFormatException notNumbers) {
                return expected.equals(actual);
            }
        }
    }

    private static final String SERVING_CHECK = "serving store = gold.city_hourly_sales";

    private final List<Check> checks = new ArrayList<>();
    /**
     * The checks that hold at any moment, also while landing and the realtime job keep running: each layer against
     * the one it was built from, at the snapshot it was built from. The others compare with what the generator sent
     * or with the realtime view, and hold only once everything has caught up with the topics.
     */
    private final List<Check> atItsCut = new ArrayList<>();
    private JsonNode tables;
    /** Spark's {@code serving_check}: the comparison, {@code {"skipped": why}}, or missing. */
    private JsonNode serving = MissingNode.getInstance();

    /**
     * Counts every layer with Spark, in a child JVM logging as {@code logName}, and checks the counts against what
     * the generator sent.
     */
    static Reconciliation measure(AlluviumConfig config, String logName) {
        JsonNode counted = EngineJobs.run(EngineJobs.batch(config, logName, List.of("reconcile")), config);
        Reconciliation r = of(Generation.totals(config), counted);
        r.tables = counted;
        return r;
    }

    /**
     * @param sent    per topic: {@code sent, distinct, duplicates, malformed} (the generator's reports, summed)
     * @param counted Spark's {@code reconcile} result: {@code topics} (a list of per-topic counts) and
     *                {@code gold_checks}
     */
    static Reconciliation of(JsonNode sent, JsonNode counted) {
        Reconciliation r = new Reconciliation();
        for (Topic topic : Topic.values()) {
            String t = topic.topicName();
            JsonNode s = sent.path(t);
            JsonNode c = topicCounts(counted, t);
            long bronzeRows = c.path("bronze_rows").asLong();
            long silver = c.path("silver_rows").asLong();
            long quarantine = c.path("quarantine_rows").asLong();
            long duplicates = c.path("duplicates_in_bronze").asLong();
            long offsets = c.path("bronze_distinct_offsets").asLong();
            r.add(t, "-", "bronze rows not yet built into silver", 0, c.path("bronze_rows_unprocessed").asLong(),
                    false);
            r.add(t, "1", "bronze distinct offsets = records sent", s.path("sent").asLong(), offsets, false);
            r.add(t, "1", "bronze rows = bronze distinct offsets", offsets, bronzeRows, true);
            r.add(t, "2", "bronze = silver + quarantine + duplicates", bronzeRows, silver + quarantine + duplicates,
                    true);
            r.add(t, "2", "silver = distinct sent − malformed",
                    s.path("distinct").asLong() - s.path("malformed").asLong(), silver, false);
            r.add(t, "2", "silver event_ids are unique", silver, c.path("silver_distinct_event_ids").asLong(), true);
            r.add(t, "2", "quarantine = malformed sent", s.path("malformed").asLong(), quarantine, false);
            r.add(t, "2", "duplicates dropped = duplicates sent", s.path("duplicates").asLong(), duplicates, false);
        }
        for (JsonNode g : counted.path("gold_checks")) {
            r.add(new Check("gold", "gold", g.path("check").asText(), ResultViews.text(g.path("silver")),
                    ResultViews.text(g.path("gold"))), true);
        }
        if (!counted.path("gold_checks").isEmpty() || counted.has("gold_up_to_date")) {
            r.add("gold", "gold", "gold built from the latest silver (1 = yes)", 1,
                    counted.path("gold_up_to_date").asBoolean() ? 1 : 0, true);
        }
        r.serving = counted.path("serving_check");
        if (r.serving.has("compared")) {
            long compared = r.serving.path("compared").asLong();
            r.add("serving", "3", SERVING_CHECK + " (" + compared + " city-hours)", compared,
                    r.serving.path("equal").asLong(), false);
        }
        return r;
    }

    private static JsonNode topicCounts(JsonNode counted, String topic) {
        for (JsonNode c : counted.path("topics")) {
            if (topic.equals(c.path("topic").asText())) {
                return c;
            }
        }
        return MissingNode.getInstance();
    }

    private void add(String topic, String invariant, String check, long expected, long actual, boolean atAnyCut) {
        add(new Check(topic, invariant, check, Long.toString(expected), Long.toString(actual)), atAnyCut);
    }

    private void add(Check check, boolean atAnyCut) {
        checks.add(check);
        if (atAnyCut) {
            atItsCut.add(check);
        }
    }

    /** Spark's counts of every layer (and a few Gold rows), as measured. */
    JsonNode tables() {
        return tables;
    }

    List<Check> checks() {
        return List.copyOf(checks);
    }

    boolean allHold() {
        return !checks.isEmpty() && checks.stream().allMatch(Check::holds);
    }

    /**
     * The checks that hold at any moment (each layer against what it was built from) and do not hold now; none when
     * the layers agree, even while the streams run on (docs/orchestration.md#the-platforms-pipeline).
     */
    List<Check> failingAtItsCut() {
        return atItsCut.isEmpty() ? List.of(new Check("-", "-", "the tables to check exist", "yes", "no"))
                : atItsCut.stream().filter(c -> !c.holds()).toList();
    }

    /** The checks as one table; then why invariant 3 was skipped, or the city-hours where it fails. */
    void print(Console console) {
        List<List<String>> rows = new ArrayList<>(checks.stream()
                .map(c -> List.of(c.topic(), c.invariant(), c.check(), c.expected(), c.actual(), c.holds() ? "yes" : "NO"))
                .toList());
        if (serving.has("skipped")) {
            rows.add(List.of("serving", "3", SERVING_CHECK, "-", "-", "skipped"));
        }
        console.proseTable(List.of("topic", "inv.", "check", "expected", "actual", "ok"), rows);
        if (serving.has("skipped")) {
            console.info("Invariant 3 skipped: " + serving.path("skipped").asText());
        } else if (!serving.path("examples").isEmpty()) {
            printServingDifferences(console);
        }
    }

    private void printServingDifferences(Console console) {
        console.info("Invariant 3 fails: " + serving.path("missing_in_store").asLong() + " city-hours missing in the "
                + "serving store, " + serving.path("extra_in_store").asLong() + " only in the serving store, "
                + serving.path("different").asLong() + " different; the first ones:");
        List<String> headers = new ArrayList<>(List.of("key", "view"));
        headers.addAll(ServingFields.CITY_HOUR_FACTS);
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode e : serving.path("examples")) {
            rows.add(facts(e, "gold", "gold"));
            rows.add(facts(e, "serving_store", "serving store"));
        }
        console.table(headers, rows);
    }

    private static List<String> facts(JsonNode example, String side, String view) {
        List<String> row = new ArrayList<>(List.of(example.path("key").asText(), view));
        JsonNode facts = example.path(side);
        ServingFields.CITY_HOUR_FACTS.forEach(f -> row.add(facts.isObject() ? ResultViews.text(facts.path(f)) : "(none)"));
        return row;
    }
}
