package io.alluvium.generator;

import static io.alluvium.generator.EventFields.quote;

import io.alluvium.contract.Reason;
import io.alluvium.domain.Topic;
import java.util.ArrayDeque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Order events: each order is {@code created}, then later {@code paid} or {@code cancelled} under the
 * same order_id. Events from the schema switch point on carry {@code coupon_code} (schema v2). At the
 * first position of a planted fraud case, the case's order is created instead.
 */
final class OrderEvents implements TopicEvents {
    private static final int MAX_OPEN_ORDERS = 50;

    private final Marketplace market;
    private final Orders orders;
    private final String idPrefix;
    private final long schemaV2From;
    private final FraudPlanter planter;
    private final ArrayDeque<Long> open = new ArrayDeque<>();
    private long nextOrder;
    private PlantedCase plantedOrder;

    OrderEvents(Marketplace market, Orders orders, String idStem, long schemaV2From, FraudPlanter planter) {
        this.market = market;
        this.orders = orders;
        this.idPrefix = idPrefix(idStem);
        this.schemaV2From = schemaV2From;
        this.planter = planter;
    }

    private static String idPrefix(String idStem) {
        return "or-" + idStem + "-";
    }

    /** The event_id of the order event at this position of a run's orders stream. */
    static String eventId(String idStem, long position) {
        return idPrefix(idStem) + position;
    }

    @Override
    public Topic topic() {
        return Topic.ORDERS;
    }

    @Override
    public boolean schemaV2(long position) {
        return position >= schemaV2From;
    }

    @Override
    public boolean planted(long position) {
        PlantedCase c = planter.at(position);
        plantedOrder = c != null && c.orderPosition() == position ? c : null;
        return plantedOrder != null;
    }

    @Override
    public EventFields next(long position, long eventTs, boolean late, SplittableRandom rng) {
        if (plantedOrder != null) {
            PlantedCase c = plantedOrder;
            return event(position, c.orderId(), c.userId(), c.home().name(), "[" + orders.item(c.product(), 1) + "]",
                    c.orderAmountCents(), "created", c.orderTs(), null);
        }
        boolean settle = !open.isEmpty() && (open.size() >= MAX_OPEN_ORDERS || rng.nextBoolean());
        long k = settle ? open.poll() : nextOrder++;
        Orders.Order order = orders.order(k);
        String status = !settle ? "created" : order.paid() ? "paid" : "cancelled";
        if (!settle) {
            open.add(k);
        }
        return event(position, order.orderId(), market.userId(order.user()), market.city(order.user()),
                order.items(), order.amountCents(), status, eventTs, order.coupon());
    }

    private EventFields event(long position, String orderId, String userId, String city, String items,
            long amountCents, String status, long eventTs, String coupon) {
        EventFields event = new EventFields()
                .addText("event_id", idPrefix + position)
                .addText("order_id", orderId)
                .addText("user_id", userId)
                .addText("city", city)
                .add("items", items)
                .add("amount", EventFields.money(amountCents))
                .addText("currency", "EUR")
                .addText("status", status)
                .addText("event_ts", Timestamps.format(eventTs));
        if (schemaV2(position)) {
            event.addText("coupon_code", coupon);
        }
        return event;
    }

    @Override
    public List<Reason> malformedReasons() {
        return List.of(Reason.values());
    }

    @Override
    public List<String> requiredFields() {
        return List.of("event_id", "order_id", "user_id", "city", "items", "amount", "currency", "status",
                "event_ts");
    }

    @Override
    public void breakType(EventFields event, SplittableRandom rng) {
        if (rng.nextBoolean()) {
            event.put("amount", quote(event.get("amount").replace('.', ',')));
        } else {
            String items = event.get("items");
            event.put("items", items.replaceFirst("\"qty\":(\\d+)", "\"qty\":\"$1 pcs\""));
        }
    }

    @Override
    public void breakEnum(EventFields event, SplittableRandom rng) {
        event.put("status", quote(TopicEvents.pick(List.of("shipped", "refunded", "PAID"), rng)));
    }
}
