package io.alluvium.flink.realtime.views;

/**
 * What the per-user features ({@link UserViews}) read of a distinct valid event, whatever its topic: who,
 * which event, when, where and on which device when the topic says (null otherwise: orders have no
 * device), and what it paid (the amount of a paid order, else 0). Each topic maps its events to this, so
 * a topic joins the features with one more union.
 */
public final class UserActivity {
    public String userId;
    public String eventId;
    public long eventTs;
    public String city;
    public String device;
    public long paidCents;

    public UserActivity() {
    }

    public UserActivity(String userId, String eventId, long eventTs, String city, String device, long paidCents) {
        this.userId = userId;
        this.eventId = eventId;
        this.eventTs = eventTs;
        this.city = city;
        this.device = device;
        this.paidCents = paidCents;
    }
}
