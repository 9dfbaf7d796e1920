package io.alluvium.generator;

import java.util.SplittableRandom;

/**
 * The facts of order number k (buyer, items, amount, whether it gets paid, its coupon) as a pure
 * function of the seed and k, so that the orders stream and the payments stream tell the same story
 * without sharing state. The buyer is drawn after the items, from the {@link SpendingBands} band of the
 * order's amount.
 */
final class Orders {
    private static final String[] COUPONS = {"WELCOME10", "BLACKFRIDAY", "FREESHIP"};
    private static final int MAX_LINES = 3;
    private static final int MAX_QTY = 3;
    static final long MIN_AMOUNT_CENTS = Marketplace.MIN_PRICE_CENTS;
    static final long MAX_AMOUNT_CENTS = MAX_LINES * MAX_QTY * Marketplace.MAX_PRICE_CENTS;

    /** One order's facts; {@code items} is already the JSON array. */
    record Order(String orderId, int user, String items, long amountCents, boolean paid, String coupon) {
    }

    private final Marketplace market;
    private final SpendingBands bands;
    private final long seed;
    private final String idPrefix;

    /** {@code run}: the run's ordinal in its data directory; runs after the first get order ids of their own. */
    Orders(Marketplace market, SpendingBands bands, long seed, long run) {
        this.market = market;
        this.bands = bands;
        this.seed = seed;
        this.idPrefix = run == 1 ? "o-" : "o-" + run + "-";
    }

    Order order(long k) {
        SplittableRandom rng = new SplittableRandom(SeedMix.mix(seed, k));
        int lines = 1 + rng.nextInt(MAX_LINES);
        StringBuilder items = new StringBuilder("[");
        long amount = 0;
        for (int i = 0; i < lines; i++) {
            int product = market.product(rng);
            int qty = 1 + rng.nextInt(MAX_QTY);
            long price = market.priceCents(product);
            amount += qty * price;
            items.append(i > 0 ? "," : "").append(item(product, qty));
        }
        int user = bands.buyer(amount, rng);
        boolean paid = rng.nextDouble() < 0.85;
        String coupon = rng.nextDouble() < 0.3 ? COUPONS[rng.nextInt(COUPONS.length)] : null;
        String orderId = Timestamps.pad(new StringBuilder(idPrefix), k + 1, 7).toString();
        return new Order(orderId, user, items.append(']').toString(), amount, paid, coupon);
    }

    /** One line of an order's items, as JSON. */
    String item(int product, int qty) {
        return "{\"product_id\":\"" + market.productId(product) + "\",\"qty\":" + qty + ",\"unit_price\":"
                + EventFields.money(market.priceCents(product)) + '}';
    }

    /** The id of the order of planted fraud case n: its own series ({@code o-p000001}), never a background order's. */
    String plantedOrderId(long n) {
        return Timestamps.pad(new StringBuilder(idPrefix).append('p'), n + 1, 6).toString();
    }
}
