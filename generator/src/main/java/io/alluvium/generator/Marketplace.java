package io.alluvium.generator;

import io.alluvium.domain.City;
import java.util.SplittableRandom;

/**
 * The marketplace the events happen in: users living in the cities of {@link City#ALL}, products with
 * prices. Built from the seed alone, so every topic's stream sees the same users, cities and prices, and
 * Zipf-skewed (a few users, products and cities dominate, as in real traffic).
 */
final class Marketplace {
    static final int USERS = 20_000;
    static final int PRODUCTS = 5_000;
    static final long MIN_PRICE_CENTS = 199;
    static final long MAX_PRICE_CENTS = 19_998;

    private final ZipfSampler users;
    private final ZipfSampler products;
    private final int[] homeCity;
    private final long[] priceCents;
    private final String[] userIds = new String[USERS];
    private final String[] productIds = new String[PRODUCTS];

    Marketplace(long seed, double zipfExponent) {
        SplittableRandom rng = new SplittableRandom(seed);
        users = new ZipfSampler(USERS, zipfExponent);
        products = new ZipfSampler(PRODUCTS, zipfExponent);
        ZipfSampler cities = new ZipfSampler(City.ALL.size(), zipfExponent);
        homeCity = new int[USERS];
        for (int u = 0; u < USERS; u++) {
            homeCity[u] = cities.sample(rng);
            userIds[u] = String.format("u-%06d", u + 1);
        }
        priceCents = new long[PRODUCTS];
        for (int p = 0; p < PRODUCTS; p++) {
            priceCents[p] = MIN_PRICE_CENTS + rng.nextLong(MAX_PRICE_CENTS - MIN_PRICE_CENTS + 1);
            productIds[p] = String.format("p-%05d", p + 1);
        }
    }

    int user(SplittableRandom rng) {
        return users.sample(rng);
    }

    int product(SplittableRandom rng) {
        return products.sample(rng);
    }

    String userId(int user) {
        return userIds[user];
    }

    String productId(int product) {
        return productIds[product];
    }

    long priceCents(int product) {
        return priceCents[product];
    }

    String city(int user) {
        return City.ALL.get(homeCity[user]).name();
    }

    String country(int user) {
        return City.ALL.get(homeCity[user]).country();
    }
}
