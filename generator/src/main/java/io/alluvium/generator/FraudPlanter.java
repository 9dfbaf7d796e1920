package io.alluvium.generator;

import io.alluvium.domain.City;
import io.alluvium.domain.FraudRule;
import io.alluvium.domain.FraudThresholds;
import io.alluvium.domain.Topic;
import java.util.SplittableRandom;

/**
 * Decides where a run plants its fraud cases: at each position of the payments stream that no case
 * occupies, a new case starts with probability {@code generator.fraud-rate}, its rule taking turns
 * through the four. The orders and the payments streams each keep a planter and ask it about every
 * position, in order; its answers depend on the plan, the run seed and the position only, so both make
 * the same decisions: the payments stream sends the case's payments, the orders stream its order.
 *
 * <p>A case's payments have the event times of its pattern ({@link PlantedCase}) and take the first
 * positions whose time slots start at or after those times (consecutive positions when the pattern is
 * denser than the stream). So the stream stays in event-time order around them, but for the record just
 * before a planted payment, which may be later than it by less than one slot when slots are shorter than
 * the pattern's spacing. The order is created at the first payment's position, in the orders stream's
 * slot, at or before the first payment. Cases lie in the first 90% of the run's time, so that the stream's
 * later events carry the realtime job's watermark past every one of them by the end of the run.
 */
final class FraudPlanter {
    private static final double PLANTED_SHARE_OF_SPAN = 0.9;
    private static final long DECISIONS = 0xF4A0D;
    private static final long CASES = 0xCA5E5;

    private final GeneratorPlan plan;
    private final Marketplace market;
    private final Orders orders;
    private final String idStem;
    private final long runSeed;
    private final SplittableRandom decisions;
    private final long lastEventTs;
    private PlantedCase current;
    private long started;

    FraudPlanter(GeneratorPlan plan, Marketplace market, Orders orders, String idStem, long runSeed) {
        this.plan = plan;
        this.market = market;
        this.orders = orders;
        this.idStem = idStem;
        this.runSeed = runSeed;
        this.decisions = new SplittableRandom(SeedMix.mix(runSeed, DECISIONS));
        this.lastEventTs = plan.startMillis() + (long) (plan.spanMillis() * PLANTED_SHARE_OF_SPAN);
    }

    /** The case whose positions span this one (asked once per position, in order), or null. */
    PlantedCase at(long position) {
        if (current != null && position <= current.lastPosition()) {
            return current;
        }
        current = null;
        if (plan.fraudRate() > 0 && decisions.nextDouble() < plan.fraudRate()) {
            FraudRule rule = FraudRule.values()[(int) (started % FraudRule.values().length)];
            current = layOut(rule, started, position);
            if (current != null) {
                started++;
            }
        }
        return current;
    }

    /** The case starting at {@code first}, or null when it would not fit in the run. */
    private PlantedCase layOut(FraudRule rule, long number, long first) {
        if (first >= Math.min(plan.records(Topic.PAYMENTS), plan.records(Topic.ORDERS))) {
            return null;
        }
        FraudThresholds t = plan.fraud();
        long window = t.velocityWindow().toMillis();
        int payments = switch (rule) {
            case CARD_VELOCITY -> t.velocityPayments() + 1;
            case AMOUNT_SPIKE -> t.amountMinHistory() + 1;
            case IP_COUNTRY_MISMATCH -> 1;
            case DECLINES_THEN_APPROVAL -> t.declinesBeforeApproval() + 1;
        };
        long spacing = rule == FraudRule.CARD_VELOCITY ? window / payments : window;
        long orderTs = plan.slotStart(Topic.ORDERS, first);
        long[] positions = new long[payments];
        long[] eventTs = new long[payments];
        positions[0] = first;
        eventTs[0] = Math.max(plan.slotStart(Topic.PAYMENTS, first), orderTs);
        for (int j = 1; j < payments; j++) {
            eventTs[j] = eventTs[0] + j * spacing;
            positions[j] = Math.max(positions[j - 1] + 1, firstSlotFrom(eventTs[j]));
        }
        if (positions[payments - 1] >= plan.records(Topic.PAYMENTS) || eventTs[payments - 1] > lastEventTs) {
            return null;
        }
        SplittableRandom facts = new SplittableRandom(SeedMix.mix(runSeed ^ CASES, number));
        City home = City.ALL.get(facts.nextInt(City.ALL.size()));
        int product = market.product(facts);
        String card = SeedMix.fingerprint(facts.nextLong());
        return new PlantedCase(rule, "u-p" + idStem + "-" + (number + 1), card, home, product,
                market.priceCents(product), t.amountFactor(), orders.plantedOrderId(number), orderTs, positions,
                eventTs);
    }

    /** The first position of the payments stream whose time slot starts at or after {@code ts}. */
    private long firstSlotFrom(long ts) {
        double slot = plan.slotMillis(Topic.PAYMENTS);
        long p = (long) Math.ceil((ts - plan.startMillis()) / slot);
        while (p > 0 && plan.slotStart(Topic.PAYMENTS, p - 1) >= ts) {
            p--;
        }
        while (plan.slotStart(Topic.PAYMENTS, p) < ts) {
            p++;
        }
        return p;
    }
}
