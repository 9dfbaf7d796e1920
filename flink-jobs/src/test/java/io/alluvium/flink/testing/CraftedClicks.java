package io.alluvium.flink.testing;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.domain.Topic;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Clickstream events written by hand ({@link CraftedEvents}), and the funnel each city's hour or minute
 * must show: the distinct valid events of each type, with the job's too-late ones left out.
 */
public final class CraftedClicks extends CraftedEvents<CraftedClicks.ClickSent> {
    static final List<String> TYPES = List.of("view", "search", "add_to_cart", "checkout");

    /** A valid clickstream event as sent (view and add_to_cart carry a product, the others none). */
    public record ClickSent(String eventId, String type, String city, String userId, String device, String ts)
            implements CraftedEvents.Sent {
        @Override
        public String json() {
            boolean product = type.equals("view") || type.equals("add_to_cart");
            return "{\"event_id\":\"" + eventId + "\",\"event_type\":\"" + type + "\",\"user_id\":\"" + userId
                    + "\",\"session_id\":\"s-" + userId + "\",\"product_id\":" + (product ? "\"p-1\"" : "null")
                    + ",\"city\":\"" + city + "\",\"device\":\"" + device + "\",\"event_ts\":\"" + eventTs() + "\"}";
        }
    }

    public CraftedClicks(AlluviumConfig config) {
        super(config, Topic.CLICKSTREAM);
    }

    /** Per {@code funnel_hour} (HOURS) or {@code funnel_minute} (MINUTES) key, the hash the job must hold. */
    public Map<String, Map<String, String>> expected(ChronoUnit unit) {
        return expected("funnel", unit, clicks -> {
            Map<String, String> funnel = new LinkedHashMap<>();
            for (String type : TYPES) {
                funnel.put(type, Long.toString(clicks.stream().filter(c -> c.type().equals(type)).count()));
            }
            return funnel;
        });
    }
}
