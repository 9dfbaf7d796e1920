package io.alluvium.generator;

import java.util.SplittableRandom;

/**
 * The facts of order number k (buyer, items, amount, whether it gets paid, its coupon) as a pure
 * function of the seed and k, so that the orders stream and the payments stream tell the same story
 * without sharing state.
 */
final class Orders {
    private static final String[] COUPONS = {"WELCOME10", "BLACKFRIDAY", "FREESHIP"};

    /** One order's facts; {@code items} is already the JSON array. */
    record Order(String orderId, int user, String items, long amountCents, boolean paid, String coupon) {
    }

    private final Marketplace market;
    private final long seed;
    private final String idPrefix;

    /** {@code run}: the run's ordinal in its data directory; runs after the first get order ids of their own. */
    Orders(Marketplace market, long seed, long run) {
        this.market = market;
        this.seed = seed;
        this.idPrefix = run == 1 ? "o-" : "o-" + run + "-";
    }

    Order order(long k) {
        SplittableRandom rng = new SplittableRandom(mix(seed, k));
        int user = market.user(rng);
        int lines = 1 + rng.nextInt(3);
        StringBuilder items = new StringBuilder("[");
        long amount = 0;
        for (int i = 0; i < lines; i++) {
            int product = market.product(rng);
            int qty = 1 + rng.nextInt(3);
            long price = market.priceCents(product);
            amount += qty * price;
            items.append(i > 0 ? "," : "").append("{\"product_id\":\"").append(market.productId(product))
                    .append("\",\"qty\":").append(qty)
                    .append(",\"unit_price\":").append(EventFields.money(price)).append('}');
        }
        boolean paid = rng.nextDouble() < 0.85;
        String coupon = rng.nextDouble() < 0.3 ? COUPONS[rng.nextInt(COUPONS.length)] : null;
        String orderId = Timestamps.pad(new StringBuilder(idPrefix), k + 1, 7).toString();
        return new Order(orderId, user, items.append(']').toString(), amount, paid, coupon);
    }

    /** A well-spread seed per order (SplittableRandom does not mix nearby seeds by itself). */
    private static long mix(long seed, long k) {
        long z = seed * 0x9E3779B97F4A7C15L + k;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
