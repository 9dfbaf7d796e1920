package io.alluvium.flink;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The time grains of the per-city views ({@link CityViews}): how long one is, and how it is named in the
 * serving store ({@code <view>_<grain>:<city>:<UTC start>}, as REALTIME.md's key contract says).
 */
enum Grain {
    MINUTE(Duration.ofMinutes(1), "yyyy-MM-dd'T'HH:mm"),
    HOUR(Duration.ofHours(1), "yyyy-MM-dd'T'HH");

    final Duration size;
    private final DateTimeFormatter start;
    private final String label = name().toLowerCase(Locale.ROOT);

    Grain(Duration size, String startPattern) {
        this.size = size;
        this.start = DateTimeFormatter.ofPattern(startPattern).withZone(ZoneOffset.UTC);
    }

    /** The start (epoch ms) of the grain {@code eventTs} falls in. */
    long startOf(long eventTs) {
        return eventTs - Math.floorMod(eventTs, size.toMillis());
    }

    /** E.g. {@code city_hour:Paris:2026-11-01T10}, {@code funnel_minute:Paris:2026-11-01T10:05}. */
    String key(String view, String city, long startMillis) {
        return view + "_" + label + ":" + city + ":" + start.format(Instant.ofEpochMilli(startMillis));
    }

    /** The whole hash of a (city, grain): city, start ({@code hour_start}, {@code minute_start}), the totals. */
    ServingWrite write(String view, String city, long startMillis, CityTotals<?, ?> totals) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("city", city);
        fields.put(label + "_start", Instant.ofEpochMilli(startMillis).toString());
        totals.putFields(fields);
        return new ServingWrite(key(view, city, startMillis), fields);
    }

    @Override
    public String toString() {
        return label;
    }
}
