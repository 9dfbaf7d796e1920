package io.alluvium.generator;

import io.alluvium.domain.City;
import io.alluvium.domain.FraudRule;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.stream.IntStream;

/**
 * One planted fraud case, laid out by the {@link FraudPlanter}: a fresh user and card of its own (so it
 * shares no state with the background or another case), one order created in the user's home city, and
 * the payments of the pattern at given positions of the payments stream and event times, each just over
 * its rule's threshold:
 * <ul>
 *   <li>card_velocity: velocity-payments + 1 authorized payments within velocity-window;</li>
 *   <li>amount_spike: amount-min-history authorized payments of the order's amount, then one of
 *       ⌊amount-factor × that amount⌋ + 1 cent, one velocity-window apart;</li>
 *   <li>ip_country_mismatch: one authorized payment from a country other than the home city's;</li>
 *   <li>declines_then_approval: declines-before-approval declined payments, then an authorized one, one
 *       velocity-window apart (so card_velocity never counts two of them together).</li>
 * </ul>
 * The last payment triggers the alert. Every other payment comes from the home city's country.
 */
final class PlantedCase {
    private final FraudRule rule;
    private final String userId;
    private final String card;
    private final City home;
    private final String foreignCountry;
    private final int product;
    private final long amountCents;
    private final long spikeCents;
    private final String orderId;
    private final long orderPosition;
    private final long orderTs;
    private final long[] positions;
    private final long[] eventTs;

    PlantedCase(FraudRule rule, String userId, String card, City home, int product, long amountCents,
            double amountFactor, String orderId, long orderTs, long[] positions, long[] eventTs) {
        this.rule = rule;
        this.userId = userId;
        this.card = card;
        this.home = home;
        this.foreignCountry = City.ALL.stream().map(City::country).filter(c -> !c.equals(home.country()))
                .findFirst().orElseThrow();
        this.product = product;
        this.amountCents = amountCents;
        this.spikeCents = BigDecimal.valueOf(amountFactor).multiply(BigDecimal.valueOf(amountCents))
                .setScale(0, RoundingMode.FLOOR).longValueExact() + 1;
        this.orderId = orderId;
        this.orderPosition = positions[0];
        this.orderTs = orderTs;
        this.positions = positions.clone();
        this.eventTs = eventTs.clone();
    }

    FraudRule rule() {
        return rule;
    }

    String userId() {
        return userId;
    }

    String card() {
        return card;
    }

    City home() {
        return home;
    }

    int product() {
        return product;
    }

    long orderAmountCents() {
        return amountCents;
    }

    String orderId() {
        return orderId;
    }

    /** The position at which the orders stream creates the case's order. */
    long orderPosition() {
        return orderPosition;
    }

    long orderTs() {
        return orderTs;
    }

    long lastPosition() {
        return positions[positions.length - 1];
    }

    /** Which of the case's payments is at this position of the payments stream; -1 if none. */
    int paymentAt(long position) {
        return IntStream.range(0, positions.length).filter(j -> positions[j] == position).findFirst().orElse(-1);
    }

    long position(int payment) {
        return positions[payment];
    }

    boolean triggers(int payment) {
        return payment == positions.length - 1;
    }

    long eventTs(int payment) {
        return eventTs[payment];
    }

    long amountCents(int payment) {
        return rule == FraudRule.AMOUNT_SPIKE && triggers(payment) ? spikeCents : amountCents;
    }

    boolean authorized(int payment) {
        return rule != FraudRule.DECLINES_THEN_APPROVAL || triggers(payment);
    }

    String ipCountry(int payment) {
        return rule == FraudRule.IP_COUNTRY_MISMATCH ? foreignCountry : home.country();
    }

    /** The payments the alert names: the window's (velocity), the declines and the approval, or the trigger alone. */
    int[] alertPayments() {
        return switch (rule) {
            case CARD_VELOCITY, DECLINES_THEN_APPROVAL -> IntStream.range(0, positions.length).toArray();
            case AMOUNT_SPIKE, IP_COUNTRY_MISMATCH -> new int[] {positions.length - 1};
        };
    }
}
