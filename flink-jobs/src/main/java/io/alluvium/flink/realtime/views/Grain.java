package io.alluvium.flink.realtime.views;

import io.alluvium.domain.ServingKeys;
import io.alluvium.flink.realtime.serving.ServingWrite;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The time grains of the per-city views ({@link CityViews}): how long one is, and how it is named in the
 * serving store ({@code <view>_<grain>:<city>:<UTC start>}, as REALTIME.md's key contract says and
 * {@link ServingKeys} spells it). The texts of a start are formatted once and kept: every event of a window
 * writes its key and start again, and formatting them each time was a tenth of the views' CPU.
 */
public enum Grain {
    MINUTE(Duration.ofMinutes(1), ServingKeys::minuteText, CityViews.View::minutePrefix),
    HOUR(Duration.ofHours(1), ServingKeys::hourText, CityViews.View::hourPrefix);

    /** Starts whose texts are kept, at most: far more windows than a job has open at once. */
    private static final int KEPT_STARTS = 100_000;

    /** A start's label in keys ({@code 2026-11-01T10}) and its ISO instant ({@code 2026-11-01T10:00:00Z}). */
    private record StartTexts(String label, String instant) {
    }

    final Duration size;
    private final Function<Instant, String> startText;
    private final Function<CityViews.View, String> keyPrefix;
    private final String label = name().toLowerCase(Locale.ROOT);
    private final Map<Long, StartTexts> texts = new ConcurrentHashMap<>();

    Grain(Duration size, Function<Instant, String> startText, Function<CityViews.View, String> keyPrefix) {
        this.size = size;
        this.startText = startText;
        this.keyPrefix = keyPrefix;
    }

    /** The start (epoch ms) of the grain {@code eventTs} falls in. */
    public long startOf(long eventTs) {
        return eventTs - Math.floorMod(eventTs, size.toMillis());
    }

    /** E.g. {@code city_hour:Paris:2026-11-01T10}, {@code funnel_minute:Paris:2026-11-01T10:05}. */
    public String key(CityViews.View view, String city, long startMillis) {
        return ServingKeys.perCity(keyPrefix.apply(view), city, textsOf(startMillis).label());
    }

    /** The whole hash of a (city, grain): city, start ({@code hour_start}, {@code minute_start}), the totals. */
    ServingWrite write(CityViews.View view, String city, long startMillis, CityTotals<?> totals) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("city", city);
        fields.put(label + "_start", textsOf(startMillis).instant());
        totals.putFields(fields);
        return new ServingWrite(key(view, city, startMillis), fields);
    }

    private StartTexts textsOf(long startMillis) {
        StartTexts known = texts.get(startMillis);
        if (known == null) {
            if (texts.size() >= KEPT_STARTS) {
                texts.clear();
            }
            Instant instant = Instant.ofEpochMilli(startMillis);
            known = new StartTexts(startText.apply(instant), instant.toString());
            texts.put(startMillis, known);
        }
        return known;
    }

    @Override
    public String toString() {
        return label;
    }
}
