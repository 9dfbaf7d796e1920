package io.alluvium.flink.realtime.source;

import io.alluvium.flink.realtime.views.UserActivity;

/**
 * What a valid event of every topic holds, reduced to what the realtime job reads: the id it is deduplicated
 * by, its user, and its event time ({@code eventTs}, epoch milliseconds in UTC). Each topic's event extends it
 * with its own fields; they stay Flink POJOs (public fields here and there, a public no-arg constructor), so
 * Flink serializes them field by field, superclass fields included, without Kryo.
 */
public abstract class ValidEvent implements TimedEvent {
    public String eventId;
    public String userId;
    public long eventTs;

    protected ValidEvent() {
    }

    protected ValidEvent(String eventId, String userId, long eventTs) {
        this.eventId = eventId;
        this.userId = userId;
        this.eventTs = eventTs;
    }

    @Override
    public final String eventId() {
        return eventId;
    }

    @Override
    public final long eventTs() {
        return eventTs;
    }

    /** What the user's features read of it: where and on which device its topic says (or null), what it paid. */
    final UserActivity activity(String city, String device, long paidCents) {
        return new UserActivity(userId, eventId, eventTs, city, device, paidCents);
    }
}
