package io.alluvium.generator;

import io.alluvium.domain.FraudThresholds;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The cards the background (not planted) payments are made with, chosen so that they never trip a fraud
 * rule on cards: each user pays with one card until its next payment would be more than
 * {@code velocity-payments} within {@code velocity-window} (card_velocity), and leaves a card for good
 * once it has had {@code declines-before-approval} declines, so no authorized payment ever follows them
 * (declines_then_approval). Counting every payment it hands a card to, even those later sent malformed,
 * only errs on the safe side. A late payment (event time hours back, where the card's other payments
 * are not tracked) gets a card of its own. Fingerprints derive from the run seed: a run's cards are its
 * own, so the limits hold across runs too.
 */
final class CardWallets {
    private static final long SINGLE_USE = 0x51C3_0E5EL;

    private final long runSeed;
    private final int maxPayments;
    private final long windowMillis;
    private final int maxDeclines;
    private final Map<Integer, Wallet> byUser = new HashMap<>();

    /** One user's current card: its index and what it has had so far. */
    private static final class Wallet {
        int card;
        final ArrayDeque<Long> recent = new ArrayDeque<>();
        int declines;

        void nextCard() {
            card++;
            recent.clear();
            declines = 0;
        }
    }

    CardWallets(long runSeed, FraudThresholds thresholds) {
        this.runSeed = runSeed;
        this.maxPayments = thresholds.velocityPayments();
        this.windowMillis = thresholds.velocityWindow().toMillis();
        this.maxDeclines = thresholds.declinesBeforeApproval();
    }

    /** The card of a user's on-time payment; payments must come in event-time order. */
    String card(int user, long eventTs, boolean declined) {
        Wallet w = byUser.computeIfAbsent(user, u -> new Wallet());
        while (!w.recent.isEmpty() && w.recent.peekFirst() <= eventTs - windowMillis) {
            w.recent.pollFirst();
        }
        if (w.recent.size() >= maxPayments) {
            w.nextCard();
        }
        String card = SeedMix.fingerprint(SeedMix.mix(runSeed ^ SeedMix.mix(user, w.card), user));
        w.recent.addLast(eventTs);
        if (declined && ++w.declines >= maxDeclines) {
            w.nextCard();
        }
        return card;
    }

    /** A card used for this one payment only. */
    String singleUse(long position) {
        return SeedMix.fingerprint(SeedMix.mix(runSeed ^ SINGLE_USE, position));
    }
}
