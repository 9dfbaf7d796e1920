package io.alluvium.flink.realtime.views;

/**
 * The value carried by a user's newest event that carries one (last_city, last_device): newest by event_ts,
 * and for equal event_ts the greater event_id, so the outcome depends on the set of events only, never on
 * the order they arrive in. A Flink POJO (kept in keyed state inside {@link UserFeatures}).
 */
public final class Newest {
    public String value;
    public long eventTs = Long.MIN_VALUE;
    public String eventId;

    /** Takes {@code value} if it is not null and its event is newer than the one held. */
    void offer(String value, long eventTs, String eventId) {
        boolean newer = eventTs > this.eventTs || eventTs == this.eventTs && eventId.compareTo(this.eventId) > 0;
        if (value != null && newer) {
            this.value = value;
            this.eventTs = eventTs;
            this.eventId = eventId;
        }
    }
}
