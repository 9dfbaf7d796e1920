package io.alluvium.flink.realtime;

/**
 * One event set aside (rejected, duplicate, too late, …) or passed (valid), to be counted under
 * {@code realtime:<topic>:counts}: nothing leaves the realtime job uncounted. The fraud alerts are
 * counted the same way, per rule, under {@code realtime:alerts:counts}.
 */
public final class Tally {
    public static final String VALID = "valid";
    public static final String DUPLICATE = "duplicate";
    static final String TOO_LATE = "too_late";
    public static final String REJECTED = "rejected:";

    public String topic;
    public String name;
    /** How many: 1 as an operator tallies an event, more once {@link TallyBatches} has added them up. */
    public long count;

    public Tally() {
    }

    public Tally(String topic, String name) {
        this(topic, name, 1);
    }

    public Tally(String topic, String name, long count) {
        this.topic = topic;
        this.name = name;
        this.count = count;
    }

    String key() {
        return topic + "/" + name;
    }
}
