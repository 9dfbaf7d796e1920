package io.alluvium.generator;

import io.alluvium.domain.Topic;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What one topic's events look like (docs/events.md): how to make the valid event at a position of the
 * stream, and how each kind of malformed record breaks it. {@link TopicStream} decides which positions
 * are duplicated, late or malformed, the same way for every topic.
 */
interface TopicEvents {

    Topic topic();

    /** The valid event at this position of the topic's stream, stamped with {@code eventTs}. */
    EventFields next(long position, long eventTs, SplittableRandom rng);

    /** Whether the event at this position carries schema v2. */
    default boolean schemaV2(long position) {
        return false;
    }

    /** The kinds of malformed record that make sense for this topic. */
    List<MalformedReason> malformedReasons();

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
