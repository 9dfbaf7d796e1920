package io.alluvium.flink.realtime.source;

import io.alluvium.flink.realtime.views.UserActivity;

/**
 * A valid clickstream event, reduced to what the realtime views read (the funnel per city, the user's
 * features). A public class with public fields (and {@link ValidEvent}'s) so that Flink serializes it as a
 * POJO, without Kryo.
 */
public final class ClickEvent extends ValidEvent implements CityEvent {
    public String eventType;
    public String city;
    public String device;

    public ClickEvent() {
    }

    ClickEvent(String eventId, String eventType, String userId, String city, String device, long eventTs) {
        super(eventId, userId, eventTs);
        this.eventType = eventType;
        this.city = city;
        this.device = device;
    }

    @Override
    public String city() {
        return city;
    }

    /** What the user's features read of it: a click pays nothing. */
    public UserActivity activity() {
        return activity(city, device, 0);
    }
}
