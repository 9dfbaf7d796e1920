package io.alluvium.flink;

/**
 * A valid clickstream event, reduced to what the realtime views read (the funnel per city, the user's
 * features); {@code eventTs} is epoch milliseconds in UTC. A public class with public fields so that
 * Flink serializes it as a POJO, without Kryo.
 */
public final class ClickEvent implements CityEvent {
    public String eventId;
    public String eventType;
    public String userId;
    public String city;
    public String device;
    public long eventTs;

    public ClickEvent() {
    }

    ClickEvent(String eventId, String eventType, String userId, String city, String device, long eventTs) {
        this.eventId = eventId;
        this.eventType = eventType;
        this.userId = userId;
        this.city = city;
        this.device = device;
        this.eventTs = eventTs;
    }

    @Override
    public String eventId() {
        return eventId;
    }

    @Override
    public long eventTs() {
        return eventTs;
    }

    @Override
    public String city() {
        return city;
    }

    /** What the user's features read of it: a click pays nothing. */
    UserActivity activity() {
        return new UserActivity(userId, eventId, eventTs, city, device, 0);
    }
}
