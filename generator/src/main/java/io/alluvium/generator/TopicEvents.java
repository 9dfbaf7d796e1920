package io.alluvium.generator;

import io.alluvium.contract.Reason;
import io.alluvium.domain.Topic;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What one topic's events look like (docs/events.md): how to make the valid event at a position of the
 * stream, and how each kind of malformed record breaks it. {@link TopicStream} decides which positions
 * are duplicated, late or malformed, the same way for every topic, except those of planted fraud.
 */
interface TopicEvents {

    Topic topic();

    /**
     * Whether the event at this position belongs to a planted fraud case: it is then sent as made (valid,
     * on time, not replaced by a duplicate). Asked once per position, in order, before {@link #next}.
     */
    default boolean planted(long position) {
        return false;
    }

    /** The planted case whose alert the event at this (planted) position triggers, or null. */
    default PlantedFraud triggers(long position) {
        return null;
    }

    /**
     * The valid event at this position of the topic's stream, stamped with {@code eventTs}; {@code late}
     * when that lies hours behind the stream.
     */
    EventFields next(long position, long eventTs, boolean late, SplittableRandom rng);

    /** Whether the event at this position carries schema v2. */
    default boolean schemaV2(long position) {
        return false;
    }

    /** The kinds of malformed record that make sense for this topic. */
    List<Reason> malformedReasons();

    /** Fields that every event requires, one of which a {@code missing_field} record lacks. */
    List<String> requiredFields();

    /** Replaces one field by a value of the wrong JSON type. */
    void breakType(EventFields event, SplittableRandom rng);

    /** Replaces an enum field by a value outside its set. */
    void breakEnum(EventFields event, SplittableRandom rng);

    static <T> T pick(List<T> choices, SplittableRandom rng) {
        return choices.get(rng.nextInt(choices.size()));
    }
}
