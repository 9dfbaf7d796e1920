package io.alluvium.generator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The marketplace the events happen in: users living in cities, products with prices, cards. Built
 * from the seed alone, so every topic's stream sees the same users, cities and prices, and Zipf-skewed
 * (a few users, products and cities dominate, as in real traffic).
 */
final class Marketplace {
    static final int USERS = 20_000;
    static final int PRODUCTS = 5_000;

    /** City and ISO 3166 alpha-2 country: city names are what Gold aggregates by. */
    private record City(String name, String country) {
    }

    private static final List<City> CITIES = List.of(
            new City("Paris", "FR"), new City("Berlin", "DE"), new City("Madrid", "ES"), new City("Rome", "IT"),
            new City("London", "GB"), new City("Amsterdam", "NL"), new City("Lisbon", "PT"),
            new City("Warsaw", "PL"), new City("Vienna", "AT"), new City("Brussels", "BE"),
            new City("Dublin", "IE"), new City("Stockholm", "SE"), new City("Copenhagen", "DK"),
            new City("Helsinki", "FI"), new City("Oslo", "NO"), new City("Prague", "CZ"),
            new City("Budapest", "HU"), new City("Athens", "GR"), new City("Zurich", "CH"),
            new City("Milan", "IT"), new City("Barcelona", "ES"), new City("Munich", "DE"),
            new City("Lyon", "FR"), new City("Hamburg", "DE"), new City("Rotterdam", "NL"),
            new City("Porto", "PT"), new City("Krakow", "PL"), new City("Valencia", "ES"),
            new City("Naples", "IT"), new City("Marseille", "FR"), new City("Bucharest", "RO"),
            new City("Sofia", "BG"), new City("Zagreb", "HR"), new City("Ljubljana", "SI"),
            new City("Bratislava", "SK"), new City("Tallinn", "EE"), new City("Riga", "LV"),
            new City("Vilnius", "LT"), new City("Luxembourg", "LU"), new City("Valletta", "MT"));

    private final ZipfSampler users;
    private final ZipfSampler products;
    private final int[] homeCity;
    private final long[] priceCents;
    private final String[] cardFingerprint;
    private final String[] userIds = new String[USERS];
    private final String[] productIds = new String[PRODUCTS];

    Marketplace(long seed, double zipfExponent) {
        SplittableRandom rng = new SplittableRandom(seed);
        users = new ZipfSampler(USERS, zipfExponent);
        products = new ZipfSampler(PRODUCTS, zipfExponent);
        ZipfSampler cities = new ZipfSampler(CITIES.size(), zipfExponent);
        homeCity = new int[USERS];
        cardFingerprint = new String[USERS];
        for (int u = 0; u < USERS; u++) {
            homeCity[u] = cities.sample(rng);
            cardFingerprint[u] = String.format("%016x", rng.nextLong());
            userIds[u] = String.format("u-%06d", u + 1);
        }
        priceCents = new long[PRODUCTS];
        for (int p = 0; p < PRODUCTS; p++) {
            priceCents[p] = 199 + rng.nextLong(19_800);
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
        return CITIES.get(homeCity[user]).name();
    }

    String country(int user) {
        return CITIES.get(homeCity[user]).country();
    }

    /** A country other than the user's home: the signal a fraud rule looks for. */
    String foreignCountry(int user, SplittableRandom rng) {
        String home = country(user);
        String other = CITIES.get(rng.nextInt(CITIES.size())).country();
        return other.equals(home) ? "US" : other;
    }

    String cardFingerprint(int user) {
        return cardFingerprint[user];
    }
}
