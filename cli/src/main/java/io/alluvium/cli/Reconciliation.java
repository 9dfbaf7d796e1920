package io.alluvium.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.domain.Topic;
import java.util.ArrayList;
import java.util.List;

/**
 * Proves invariants 1 and 2 of DESIGN.md per topic with numbers from independent sources: what the
 * generator had acknowledged by the broker, and what Spark counts in each layer's table.
 * <ul>
 *   <li>1: every sent record is in Bronze exactly once: distinct (partition, offset) = sent = rows;</li>
 *   <li>2: Bronze = Silver + Quarantine + duplicates dropped; and each term equals what was injected.</li>
 * </ul>
 */
final class Reconciliation {

    /** One check: a named equation, both sides, and whether they match. */
    record Check(String topic, String invariant, String check, long expected, long actual) {
        @JsonProperty("ok")
        boolean holds() {
            return expected == actual;
        }
    }

    private final List<Check> checks = new ArrayList<>();
    private JsonNode tables;

    /** Counts every layer with Spark and checks the counts against what the generator sent. */
    static Reconciliation measure(AlluviumConfig config) {
        JsonNode counted = EngineJobs.run(EngineJobs.batch(config, "reconcile", List.of("reconcile")), config);
        Reconciliation r = of(Generation.totals(config), counted.path("topics"));
        r.tables = counted;
        return r;
    }

    /** Spark's counts of every layer (and a few Gold rows), as measured. */
    JsonNode tables() {
        return tables;
    }

    /**
     * @param sent   per topic: {@code sent, distinct, duplicates, malformed} (the generator's reports, summed)
     * @param tables per topic: {@code bronze_rows, bronze_distinct_offsets, silver_rows, quarantine_rows,
     *               duplicates_in_bronze} (Spark's {@code reconcile} result)
     */
    static Reconciliation of(JsonNode sent, JsonNode tables) {
        Reconciliation r = new Reconciliation();
        for (Topic topic : Topic.values()) {
            String t = topic.topicName();
            JsonNode s = sent.path(t);
            JsonNode c = tables.path(t);
            long bronzeRows = c.path("bronze_rows").asLong();
            long silver = c.path("silver_rows").asLong();
            long quarantine = c.path("quarantine_rows").asLong();
            long duplicates = c.path("duplicates_in_bronze").asLong();
            r.add(t, "1", "bronze distinct offsets = records sent", s.path("sent").asLong(),
                    c.path("bronze_distinct_offsets").asLong());
            r.add(t, "1", "bronze rows = bronze distinct offsets", c.path("bronze_distinct_offsets").asLong(),
                    bronzeRows);
            r.add(t, "2", "bronze = silver + quarantine + duplicates", bronzeRows, silver + quarantine + duplicates);
            r.add(t, "2", "silver = distinct sent − malformed",
                    s.path("distinct").asLong() - s.path("malformed").asLong(), silver);
            r.add(t, "2", "quarantine = malformed sent", s.path("malformed").asLong(), quarantine);
            r.add(t, "2", "duplicates dropped = duplicates sent", s.path("duplicates").asLong(), duplicates);
        }
        return r;
    }

    private void add(String topic, String invariant, String check, long expected, long actual) {
        checks.add(new Check(topic, invariant, check, expected, actual));
    }

    List<Check> checks() {
        return List.copyOf(checks);
    }

    boolean allHold() {
        return checks.stream().allMatch(Check::holds);
    }

    /** The checks as a table, or with {@code --json} as part of {@code doc}. */
    void print(Console console) {
        console.table(List.of("topic", "inv.", "check", "expected", "actual", "ok"), checks.stream()
                .map(c -> List.of(c.topic(), c.invariant(), c.check(), Long.toString(c.expected()),
                        Long.toString(c.actual()), c.holds() ? "yes" : "NO"))
                .toList());
    }
}
