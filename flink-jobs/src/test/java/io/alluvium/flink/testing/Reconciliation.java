package io.alluvium.flink.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Invariant 1 (docs/architecture.md#invariants) checked record by record: every acknowledged (topic, partition, offset)
 * is in Bronze exactly once, with the key and the payload exactly as sent, and Bronze holds nothing else.
 */
public final class Reconciliation {
    private Reconciliation() {
    }

    public static void assertExactlyOnce(List<SentRecords.Sent> bronze, List<SentRecords.Sent> sent) {
        Map<SentRecords.Sent, Long> landed = bronze.stream()
                .collect(Collectors.groupingBy(Function.identity(), HashMap::new, Collectors.counting()));
        List<SentRecords.Sent> doubled = landed.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey).limit(5).toList();
        List<SentRecords.Sent> lost = sent.stream().filter(s -> !landed.containsKey(s)).limit(5).toList();
        Map<SentRecords.Sent, Boolean> expected = new HashMap<>();
        sent.forEach(s -> expected.put(s, true));
        List<SentRecords.Sent> foreign = landed.keySet().stream().filter(r -> !expected.containsKey(r))
                .limit(5).toList();

        assertThat(doubled).as("records landed more than once (first 5)").isEmpty();
        assertThat(lost).as("acknowledged records missing or altered in Bronze (first 5)").isEmpty();
        assertThat(foreign).as("Bronze rows that match no sent record (first 5)").isEmpty();
        assertThat(bronze).as("Bronze rows").hasSameSizeAs(sent);
    }
}
