package io.alluvium.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.domain.Topic;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Proves invariants 1 and 2 of DESIGN.md per topic with numbers from independent sources: what the
 * generator had acknowledged by the broker, and what Spark counts in each layer's table.
 * <ul>
 *   <li>1: every sent record is in Bronze exactly once: distinct (partition, offset) = sent = rows;</li>
 *   <li>2: Bronze = Silver + Quarantine + duplicates dropped; and each term equals what was injected;</li>
 *   <li>Gold: every Gold total equals the same total computed from Silver.</li>
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

    private final List<Check> checks = new ArrayList<>();
    private JsonNode tables;

    /** Counts every layer with Spark and checks the counts against what the generator sent. */
    static Reconciliation measure(AlluviumConfig config) {
        JsonNode counted = EngineJobs.run(EngineJobs.batch(config, "reconcile", List.of("reconcile")), config);
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
            r.add(t, "-", "bronze rows not yet built into silver", 0, c.path("bronze_rows_unprocessed").asLong());
            r.add(t, "1", "bronze distinct offsets = records sent", s.path("sent").asLong(), offsets);
            r.add(t, "1", "bronze rows = bronze distinct offsets", offsets, bronzeRows);
            r.add(t, "2", "bronze = silver + quarantine + duplicates", bronzeRows, silver + quarantine + duplicates);
            r.add(t, "2", "silver = distinct sent − malformed",
                    s.path("distinct").asLong() - s.path("malformed").asLong(), silver);
            r.add(t, "2", "silver event_ids are unique", silver, c.path("silver_distinct_event_ids").asLong());
            r.add(t, "2", "quarantine = malformed sent", s.path("malformed").asLong(), quarantine);
            r.add(t, "2", "duplicates dropped = duplicates sent", s.path("duplicates").asLong(), duplicates);
        }
        for (JsonNode g : counted.path("gold_checks")) {
            r.checks.add(new Check("gold", "gold", g.path("check").asText(), g.path("silver").asText(),
                    g.path("gold").asText()));
        }
        if (!counted.path("gold_checks").isEmpty() || counted.has("gold_up_to_date")) {
            r.add("gold", "gold", "gold built from the latest silver (1 = yes)", 1,
                    counted.path("gold_up_to_date").asBoolean() ? 1 : 0);
        }
        return r;
    }

    private static JsonNode topicCounts(JsonNode counted, String topic) {
        for (JsonNode c : counted.path("topics")) {
            if (topic.equals(c.path("topic").asText())) {
                return c;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private void add(String topic, String invariant, String check, long expected, long actual) {
        checks.add(new Check(topic, invariant, check, Long.toString(expected), Long.toString(actual)));
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

    void print(Console console) {
        console.table(List.of("topic", "inv.", "check", "expected", "actual", "ok"), checks.stream()
                .map(c -> List.of(c.topic(), c.invariant(), c.check(), c.expected(), c.actual(), c.holds() ? "yes" : "NO"))
                .toList());
    }
}
