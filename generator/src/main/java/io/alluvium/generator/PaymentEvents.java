package io.alluvium.generator;

import static io.alluvium.generator.EventFields.quote;

import io.alluvium.domain.Topic;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Payment attempts for the orders of the orders stream, in step with it: attempt j pays the order the
 * orders stream is creating at the same point of the run, for that order's amount. Orders that end
 * cancelled are declined; a few attempts come from a foreign IP country (what fraud rules look for).
 */
final class PaymentEvents implements TopicEvents {
    private final Marketplace market;
    private final Orders orders;
    private final String idPrefix;
    private final long payments;
    private final long ordersCreated;

    /** {@code ordersCreated}: about how many orders the orders stream creates (one per two events). */
    PaymentEvents(Marketplace market, Orders orders, String idStem, long payments, long ordersCreated) {
        this.market = market;
        this.orders = orders;
        this.idPrefix = idStem + "-";
        this.payments = Math.max(1, payments);
        this.ordersCreated = Math.max(1, ordersCreated);
    }

    @Override
    public Topic topic() {
        return Topic.PAYMENTS;
    }

    @Override
    public EventFields next(long position, long eventTs, SplittableRandom rng) {
        Orders.Order order = orders.order(position * ordersCreated / payments);
        boolean authorized = order.paid() && rng.nextDouble() < 0.9;
        boolean foreign = rng.nextDouble() < 0.03;
        return new EventFields()
                .putString("event_id", "pa-" + idPrefix + position)
                .putString("payment_id", "pay-" + idPrefix + position)
                .putString("order_id", order.orderId())
                .putString("user_id", market.userId(order.user()))
                .putString("card_fingerprint", market.cardFingerprint(order.user()))
                .put("amount", EventFields.money(order.amountCents()))
                .putString("currency", "EUR")
                .putString("status", authorized ? "authorized" : "declined")
                .putString("ip_country", foreign ? market.foreignCountry(order.user(), rng)
                        : market.country(order.user()))
                .putString("event_ts", Timestamps.format(eventTs));
    }

    @Override
    public List<MalformedReason> malformedReasons() {
        return List.of(MalformedReason.values());
    }

    @Override
    public List<String> requiredFields() {
        return List.of("event_id", "payment_id", "order_id", "user_id", "card_fingerprint", "amount", "currency",
                "status", "ip_country", "event_ts");
    }

    @Override
    public void breakType(EventFields event, SplittableRandom rng) {
        if (rng.nextBoolean()) {
            event.put("amount", quote(event.get("amount").replace('.', ',')));
        } else {
            event.put("event_ts", Long.toString(rng.nextLong(1_000_000_000_000L, 2_000_000_000_000L)));
        }
    }

    @Override
    public void breakEnum(EventFields event, SplittableRandom rng) {
        event.put("status", quote(TopicEvents.pick(List.of("pending", "approved", "AUTHORIZED"), rng)));
    }
}
