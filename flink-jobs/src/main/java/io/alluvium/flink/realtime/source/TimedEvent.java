package io.alluvium.flink.realtime.source;

/**
 * What the realtime job needs of every valid event, whatever its topic: the id it is deduplicated by
 * and the event time its watermarks and windows follow.
 */
public interface TimedEvent {
    String eventId();

    /** Event time, epoch milliseconds UTC. */
    long eventTs();
}
