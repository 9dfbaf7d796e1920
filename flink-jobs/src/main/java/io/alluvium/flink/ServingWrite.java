package io.alluvium.flink;

import java.util.Map;

/**
 * One write to the serving store: the ABSOLUTE values of some fields of a Redis hash (HSET, never
 * HINCRBY). Replaying events after a restart recomputes and rewrites the same values, so the store
 * converges to the same state whatever was written before the failure: exactly-once in effect.
 */
public final class ServingWrite {
    public String key;
    public Map<String, String> fields;

    public ServingWrite() {
    }

    ServingWrite(String key, Map<String, String> fields) {
        this.key = key;
        this.fields = fields;
    }
}
