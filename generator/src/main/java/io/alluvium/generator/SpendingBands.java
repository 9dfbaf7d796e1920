package io.alluvium.generator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Who buys an order of a given amount: the users are split into spending bands, each band's amounts
 * lying within a factor below {@code realtime.fraud.amount-factor} of each other, and an order goes to a
 * (Zipf-skewed) user of its amount's band. So every user's orders, and the payments for them, stay in one
 * band: no background payment can be amount-factor times a user's average, and the fraud rule
 * amount_spike only ever sees the spikes the generator plants.
 */
final class SpendingBands {
    /** Band b holds amounts in [lowest[b], lowest[b+1]), and lowest[b+1] &lt;= factor × lowest[b]. */
    private final long[] lowest;
    private final ZipfSampler[] buyers;

    SpendingBands(double amountFactor, double zipfExponent) {
        BigDecimal factor = BigDecimal.valueOf(amountFactor);
        List<Long> edges = new ArrayList<>(List.of(Orders.MIN_AMOUNT_CENTS));
        while (edges.get(edges.size() - 1) <= Orders.MAX_AMOUNT_CENTS) {
            long last = edges.get(edges.size() - 1);
            edges.add(factor.multiply(BigDecimal.valueOf(last)).setScale(0, RoundingMode.FLOOR).longValueExact());
        }
        lowest = edges.stream().mapToLong(Long::longValue).toArray();
        int bands = lowest.length - 1;
        buyers = new ZipfSampler[bands];
        for (int b = 0; b < bands; b++) {
            buyers[b] = new ZipfSampler((Marketplace.USERS - b + bands - 1) / bands, zipfExponent);
        }
    }

    /** The user (index) who buys an order of this amount: users of band b are b, b + bands, b + 2 × bands, … */
    int buyer(long amountCents, SplittableRandom rng) {
        int band = 0;
        while (amountCents >= lowest[band + 1]) {
            band++;
        }
        return band + buyers.length * buyers[band].sample(rng);
    }
}
