package io.alluvium.serving;

import io.alluvium.domain.ServingFields;
import io.alluvium.domain.ServingFields.Type;
import io.alluvium.domain.ServingKeys;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The per-city hashes the API reads by time range — sales and clickstream funnel, per hour and per minute: how
 * each is keyed, what it holds, and which of its fields add up over rows ({@link RangeTotals}). Only the sales
 * series have their cities listed ({@code realtime:cities}); the funnel's cities are listed nowhere, so a funnel
 * is read one city at a time.
 */
enum CitySeries {
    CITY_HOUR(TimeRange.Grain.HOUR, ServingKeys::cityHour, ServingFields.CITY_HOUR, RangeTotals.SALES, true),
    CITY_MINUTE(TimeRange.Grain.MINUTE, ServingKeys::cityMinute, ServingFields.CITY_MINUTE, RangeTotals.SALES, true),
    FUNNEL_HOUR(TimeRange.Grain.HOUR, ServingKeys::funnelHour, ServingFields.FUNNEL_HOUR, ServingFields.FUNNEL_STEPS,
            false),
    FUNNEL_MINUTE(TimeRange.Grain.MINUTE, ServingKeys::funnelMinute, ServingFields.FUNNEL_MINUTE,
            ServingFields.FUNNEL_STEPS, false);

    final TimeRange.Grain grain;
    private final BiFunction<String, Instant, String> key;
    final Map<String, Type> fields;
    /** The fields summed into the totals, in the order the totals show them. */
    final List<String> additive;
    /** Whether {@code realtime:cities} lists the cities that have keys of this series. */
    final boolean citiesListed;

    CitySeries(TimeRange.Grain grain, BiFunction<String, Instant, String> key, Map<String, Type> fields,
               List<String> additive, boolean citiesListed) {
        this.grain = grain;
        this.key = key;
        this.fields = fields;
        this.additive = additive;
        this.citiesListed = citiesListed;
    }

    /** The key of {@code city}'s hash for the hour (minute) that starts at {@code start}. */
    String key(String city, Instant start) {
        return key.apply(city, start);
    }
}
