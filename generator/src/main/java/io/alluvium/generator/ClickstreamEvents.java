package io.alluvium.generator;

import static io.alluvium.generator.EventFields.quote;

import io.alluvium.contract.Reason;
import io.alluvium.domain.Topic;
import java.util.List;
import java.util.SplittableRandom;

/** Clickstream events: users browsing in sessions, viewing Zipf-popular products, some reaching checkout. */
final class ClickstreamEvents implements TopicEvents {
    private static final long SESSION_MS = 30 * 60_000L;
    private static final List<String> DEVICES = List.of("ios", "android", "web");

    private final Marketplace market;
    private final String idPrefix;

    ClickstreamEvents(Marketplace market, String idStem) {
        this.market = market;
        this.idPrefix = "ck-" + idStem + "-";
    }

    @Override
    public Topic topic() {
        return Topic.CLICKSTREAM;
    }

    @Override
    public EventFields next(long position, long eventTs, boolean late, SplittableRandom rng) {
        int user = market.user(rng);
        String type = eventType(rng.nextDouble());
        boolean withProduct = type.equals("view") || type.equals("add_to_cart");
        return new EventFields()
                .addText("event_id", idPrefix + position)
                .addText("event_type", type)
                .addText("user_id", market.userId(user))
                .addText("session_id", "s-" + (user + 1) + "-" + eventTs / SESSION_MS)
                .addText("product_id", withProduct ? market.productId(market.product(rng)) : null)
                .addText("city", market.city(user))
                .addText("device", DEVICES.get(user % DEVICES.size()))
                .addText("event_ts", Timestamps.format(eventTs));
    }

    private static String eventType(double u) {
        if (u < 0.60) {
            return "view";
        }
        if (u < 0.85) {
            return "search";
        }
        return u < 0.95 ? "add_to_cart" : "checkout";
    }

    @Override
    public List<Reason> malformedReasons() {
        return List.of(Reason.BAD_JSON, Reason.MISSING_FIELD, Reason.WRONG_TYPE, Reason.INVALID_VALUE);
    }

    @Override
    public List<String> requiredFields() {
        return List.of("event_id", "event_type", "user_id", "session_id", "city", "device", "event_ts");
    }

    @Override
    public void breakType(EventFields event, SplittableRandom rng) {
        if (rng.nextBoolean()) {
            event.put("user_id", event.get("user_id").replaceAll("[^0-9]", "").replaceFirst("^0+", ""));
        } else {
            event.put("event_ts", Long.toString(rng.nextLong(1_000_000_000_000L, 2_000_000_000_000L)));
        }
    }

    @Override
    public void breakEnum(EventFields event, SplittableRandom rng) {
        event.put("event_type", quote(TopicEvents.pick(List.of("hover", "scroll", "VIEW"), rng)));
    }
}
