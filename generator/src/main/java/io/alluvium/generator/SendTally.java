package io.alluvium.generator;

import io.alluvium.contract.Reason;
import io.alluvium.domain.Topic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts records as the broker acknowledges them (from the producer's callback thread) and turns the
 * counts into the report's {@link TopicCounts}, and keeps the planted fraud cases whose triggering
 * record was acknowledged. Only what was acknowledged is ever counted.
 */
final class SendTally {
    private static final int SENT = 0;
    private static final int DUPLICATES = 1;
    private static final int MALFORMED = 2;
    private static final int LATE = 3;
    private static final int SCHEMA_V2 = 4;
    private static final int BYTES = 5;
    private static final int REASONS = 6;

    private final long[][] counts = new long[Topic.values().length][REASONS + Reason.values().length];
    private final List<PlantedFraud> planted = new ArrayList<>();
    private long acknowledged;

    synchronized void record(GeneratedRecord r) {
        long[] c = counts[r.topic().ordinal()];
        c[SENT]++;
        c[BYTES] += r.value().length;
        if (r.duplicate()) {
            c[DUPLICATES]++;
        }
        if (r.malformed() != null) {
            c[MALFORMED]++;
            c[REASONS + r.malformed().ordinal()]++;
        }
        if (r.late()) {
            c[LATE]++;
        }
        if (r.schemaV2()) {
            c[SCHEMA_V2]++;
        }
        if (r.triggers() != null) {
            planted.add(r.triggers());
        }
        acknowledged++;
    }

    synchronized long acknowledged() {
        return acknowledged;
    }

    /** The planted cases sent, in the event-time order of their triggers. */
    synchronized List<PlantedFraud> planted() {
        return planted.stream().sorted(Comparator.comparing(PlantedFraud::eventTs)
                .thenComparing(PlantedFraud::triggerEventId)).toList();
    }

    synchronized Map<Topic, TopicCounts> counts() {
        Map<Topic, TopicCounts> result = new EnumMap<>(Topic.class);
        for (Topic t : Topic.values()) {
            long[] c = counts[t.ordinal()];
            Map<String, Long> reasons = new LinkedHashMap<>();
            for (Reason r : Reason.values()) {
                reasons.put(r.code(), c[REASONS + r.ordinal()]);
            }
            result.put(t, new TopicCounts(c[SENT], c[SENT] - c[DUPLICATES], c[DUPLICATES], c[MALFORMED], reasons,
                    c[LATE], c[SCHEMA_V2], c[BYTES]));
        }
        return result;
    }
}
