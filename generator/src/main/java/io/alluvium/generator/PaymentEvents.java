package io.alluvium.generator;

import static io.alluvium.generator.EventFields.quote;

import io.alluvium.contract.Reason;
import io.alluvium.domain.FraudRule;
import io.alluvium.domain.Topic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Payment attempts for the orders of the orders stream, in step with it: attempt j pays the order the
 * orders stream is creating at the same point of the run, for that order's amount. Orders that end
 * cancelled are declined. This background traffic never trips a fraud rule: the payer is the order's
 * user, from the country of the order's city; the amounts of one user stay in one {@link SpendingBands}
 * band; the cards come from {@link CardWallets}. The payments of planted fraud cases ({@link FraudPlanter})
 * take the place of some attempts.
 */
final class PaymentEvents implements TopicEvents {
    private final Marketplace market;
    private final Orders orders;
    private final String idStem;
    private final String idPrefix;
    private final long payments;
    private final long ordersCreated;
    private final CardWallets wallets;
    private final FraudPlanter planter;
    private PlantedCase planted;
    private int plantedPayment = -1;

    /** {@code ordersCreated}: about how many orders the orders stream creates (one per two events). */
    PaymentEvents(Marketplace market, Orders orders, String idStem, long payments, long ordersCreated,
            CardWallets wallets, FraudPlanter planter) {
        this.market = market;
        this.orders = orders;
        this.idStem = idStem;
        this.idPrefix = idStem + "-";
        this.payments = Math.max(1, payments);
        this.ordersCreated = Math.max(1, ordersCreated);
        this.wallets = wallets;
        this.planter = planter;
    }

    @Override
    public Topic topic() {
        return Topic.PAYMENTS;
    }

    @Override
    public boolean planted(long position) {
        planted = planter.at(position);
        plantedPayment = planted == null ? -1 : planted.paymentAt(position);
        return plantedPayment >= 0;
    }

    @Override
    public EventFields next(long position, long eventTs, boolean late, SplittableRandom rng) {
        if (plantedPayment >= 0) {
            int j = plantedPayment;
            return payment(position, planted.orderId(), planted.userId(), planted.card(), planted.amountCents(j),
                    planted.authorized(j), planted.ipCountry(j), planted.eventTs(j));
        }
        Orders.Order order = orders.order(position * ordersCreated / payments);
        boolean authorized = order.paid() && rng.nextDouble() < 0.9;
        String card = late ? wallets.singleUse(position) : wallets.card(order.user(), eventTs, !authorized);
        return payment(position, order.orderId(), market.userId(order.user()), card, order.amountCents(), authorized,
                market.country(order.user()), eventTs);
    }

    private EventFields payment(long position, String orderId, String userId, String card, long amountCents,
            boolean authorized, String ipCountry, long eventTs) {
        return new EventFields()
                .addText("event_id", eventId(position))
                .addText("payment_id", "pay-" + idPrefix + position)
                .addText("order_id", orderId)
                .addText("user_id", userId)
                .addText("card_fingerprint", card)
                .add("amount", EventFields.money(amountCents))
                .addText("currency", "EUR")
                .addText("status", authorized ? "authorized" : "declined")
                .addText("ip_country", ipCountry)
                .addText("event_ts", Timestamps.format(eventTs));
    }

    private String eventId(long position) {
        return "pa-" + idPrefix + position;
    }

    @Override
    public PlantedFraud triggers(long position) {
        if (plantedPayment < 0 || !planted.triggers(plantedPayment)) {
            return null;
        }
        List<String> ids = new ArrayList<>();
        for (int j : planted.alertPayments()) {
            ids.add(eventId(planted.position(j)));
        }
        if (planted.rule() == FraudRule.IP_COUNTRY_MISMATCH) {
            ids.add(OrderEvents.eventId(idStem, planted.orderPosition()));
        }
        return new PlantedFraud(planted.rule(), eventId(position), ids, planted.userId(), planted.card(),
                Instant.ofEpochMilli(planted.eventTs(plantedPayment)));
    }

    @Override
    public List<Reason> malformedReasons() {
        return List.of(Reason.values());
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
