package io.alluvium.generator;

import io.alluvium.contract.Reason;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What was sent to one topic, as docs/events.md defines the report: {@code sent = distinct + duplicates};
 * {@code malformed} (by reason), {@code late} and {@code schema_v2} count distinct records only, late and
 * schema_v2 only valid ones; {@code bytes} is the sum of record values.
 */
public record TopicCounts(long sent, long distinct, long duplicates, long malformed,
                          Map<String, Long> malformedByReason, long late, long schemaV2, long bytes) {

    public TopicCounts {
        Map<String, Long> reasons = new LinkedHashMap<>();
        for (Reason r : Reason.values()) {
            reasons.put(r.code(), malformedByReason.getOrDefault(r.code(), 0L));
        }
        malformedByReason = Collections.unmodifiableMap(reasons);
    }

    public static final TopicCounts ZERO = new TopicCounts(0, 0, 0, 0, Map.of(), 0, 0, 0);

    public TopicCounts plus(TopicCounts o) {
        Map<String, Long> reasons = new LinkedHashMap<>(malformedByReason);
        o.malformedByReason.forEach((k, v) -> reasons.merge(k, v, Long::sum));
        return new TopicCounts(sent + o.sent, distinct + o.distinct, duplicates + o.duplicates,
                malformed + o.malformed, reasons, late + o.late, schemaV2 + o.schemaV2, bytes + o.bytes);
    }
}
