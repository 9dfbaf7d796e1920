package io.alluvium.flink.realtime.serving;

import java.util.Map;

/**
 * One write to the serving store: ABSOLUTE values, never increments. A hash's fields (HSET, never
 * HINCRBY), a set's members (SADD) or a sorted set's members with their scores (ZADD). Replaying events
 * after a restart recomputes and rewrites the same values, so the store converges to the same state
 * whatever was written before the failure: exactly-once in effect.
 */
public final class ServingWrite {
    /** The Redis type written. */
    public enum Kind {
        /** HSET key field value …: {@code fields} are the fields' values. */
        HASH,
        /** SADD key member …: the keys of {@code fields} are the members (the values are not used). */
        SET,
        /** ZADD key score member …: {@code fields} map each member to its score (a number, as text). */
        SORTED_SET
    }

    public Kind kind;
    public String key;
    public Map<String, String> fields;

    public ServingWrite() {
    }

    /** HSET of these fields of the hash {@code key}. */
    public ServingWrite(String key, Map<String, String> fields) {
        this(Kind.HASH, key, fields);
    }

    public ServingWrite(Kind kind, String key, Map<String, String> fields) {
        this.kind = kind;
        this.key = key;
        this.fields = fields;
    }

    /** SADD of {@code member} to the set {@code key}. */
    public static ServingWrite setMember(String key, String member) {
        return new ServingWrite(Kind.SET, key, Map.of(member, ""));
    }

    /** ZADD of one member with its score to the sorted set {@code key}. */
    public static ServingWrite sortedSetMember(String key, String member, long score) {
        return new ServingWrite(Kind.SORTED_SET, key, Map.of(member, Long.toString(score)));
    }
}
