package io.alluvium.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A city of the marketplace and its ISO 3166 alpha-2 country. One list for every module: the generator
 * places users in these cities, Gold aggregates by their names, and the realtime fraud rule
 * ip_country_mismatch compares a payment's ip_country with the country of its order's city.
 */
public record City(String name, String country) {

    /** Every city; the generator's Zipf ranks follow this order (the first ones get the most users). */
    public static final List<City> ALL = List.of(
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

    private static final Map<String, String> COUNTRY_BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(City::name, City::country));

    /** The country of a city of {@link #ALL}; empty for a city the marketplace does not know. */
    public static Optional<String> countryOf(String name) {
        return Optional.ofNullable(COUNTRY_BY_NAME.get(name));
    }
}
