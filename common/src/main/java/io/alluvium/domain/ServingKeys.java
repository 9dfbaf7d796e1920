package io.alluvium.domain;

import io.alluvium.contract.IsoInstants;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The key names of the serving store, as {@code flink-jobs/REALTIME.md} fixes them: the contract between the
 * writers — the realtime job (the speed view) and the batch job's publication of Gold (the batch view, its
 * versioned {@code batch:} keys) — and every reader ({@code serve}, {@code watch}, {@code bench serving}, tests),
 * spelled once here: the writers write with these and the readers read with them. What each hash holds is
 * {@link ServingFields}.
 */
public final class ServingKeys {
    public static final String CITY_HOUR_PREFIX = "city_hour:";
    /** SCAN pattern of every (city, hour) hash. */
    public static final String CITY_HOUR_PATTERN = CITY_HOUR_PREFIX + "*";
    public static final String CITY_MINUTE_PREFIX = "city_minute:";
    public static final String FUNNEL_HOUR_PREFIX = "funnel_hour:";
    public static final String FUNNEL_MINUTE_PREFIX = "funnel_minute:";
    /** Set of every city that has a {@code city_hour} key. */
    public static final String CITIES = "realtime:cities";
    public static final String USER_PREFIX = "user:";
    public static final String ALERT_PREFIX = "alert:";
    /** Sorted set: member alert_id, score the triggering event_ts in epoch millis. */
    public static final String ALERTS_BY_TIME = "alerts:by_time";
    private static final String STREAM_PREFIX = "realtime:";
    private static final String COUNTS_SUFFIX = ":counts";
    private static final String TOO_LATE_SUFFIX = ":too_late";
    /** SCAN pattern of every {@code realtime:<stream>:counts} hash. */
    public static final String COUNTS_PATTERN = STREAM_PREFIX + "*" + COUNTS_SUFFIX;
    /**
     * Hash: the batch view readers use now ({@code BatchVersion}); switching it is how a new version
     * of the batch view is published, in one write.
     */
    public static final String BATCH_CURRENT = "batch:current";
    private static final String BATCH_VERSION_PREFIX = "batch:v";
    /** SCAN pattern of every key of every version of the batch view. */
    public static final String BATCH_VERSIONS_PATTERN = BATCH_VERSION_PREFIX + "*";

    private static final int HOUR_TEXT_LENGTH = "yyyy-MM-ddTHH".length();
    private static final int MINUTE_TEXT_LENGTH = "yyyy-MM-ddTHH:mm".length();

    private ServingKeys() {
    }

    /** A (city, UTC hour) as its key names it. */
    public record CityHour(String city, Instant hourStart) {
        public CityHour {
            requireStart(hourStart, ChronoUnit.HOURS);
        }

        public String key() {
            return perCity(CITY_HOUR_PREFIX, city, hourText(hourStart));
        }
    }

    /** {@code city_hour:<city>:<yyyy-MM-ddTHH>}, the hour in UTC. */
    public static String cityHour(String city, Instant hourStart) {
        return new CityHour(city, hourStart).key();
    }

    /** {@code city_minute:<city>:<yyyy-MM-ddTHH:mm>}, the minute in UTC. */
    public static String cityMinute(String city, Instant minuteStart) {
        return perCity(CITY_MINUTE_PREFIX, city, minuteText(requireStart(minuteStart, ChronoUnit.MINUTES)));
    }

    /** {@code funnel_hour:<city>:<yyyy-MM-ddTHH>}, the hour in UTC. */
    public static String funnelHour(String city, Instant hourStart) {
        return perCity(FUNNEL_HOUR_PREFIX, city, hourText(requireStart(hourStart, ChronoUnit.HOURS)));
    }

    /** {@code funnel_minute:<city>:<yyyy-MM-ddTHH:mm>}, the minute in UTC. */
    public static String funnelMinute(String city, Instant minuteStart) {
        return perCity(FUNNEL_MINUTE_PREFIX, city, minuteText(requireStart(minuteStart, ChronoUnit.MINUTES)));
    }

    /**
     * {@code <prefix><city>:<start>}, the shape of every per-city key, with the start as {@link #hourText} or
     * {@link #minuteText} wrote it: for a writer that keeps the texts of its starts (the realtime job formats
     * each window's once) rather than formatting them for every key.
     */
    public static String perCity(String prefix, String city, String startText) {
        return prefix + city + ":" + startText;
    }

    /** The (city, hour) a {@code city_hour} key names; empty for any other key. */
    public static Optional<CityHour> parseCityHour(String key) {
        int lastColon = key.lastIndexOf(':');
        if (!key.startsWith(CITY_HOUR_PREFIX) || lastColon <= CITY_HOUR_PREFIX.length()) {
            return Optional.empty();
        }
        return parseHour(key.substring(lastColon + 1))
                .map(hour -> new CityHour(key.substring(CITY_HOUR_PREFIX.length(), lastColon), hour));
    }

    /** {@code yyyy-MM-ddTHH} in UTC, as keys write an hour. */
    public static String hourText(Instant hourStart) {
        return utcText(hourStart).substring(0, HOUR_TEXT_LENGTH);
    }

    /** {@code yyyy-MM-ddTHH:mm} in UTC, as keys write a minute. */
    public static String minuteText(Instant minuteStart) {
        return utcText(minuteStart).substring(0, MINUTE_TEXT_LENGTH);
    }

    /**
     * The UTC date-time as {@link LocalDateTime#toString} writes it ({@code yyyy-MM-ddTHH:mm[:ss]}): every key of a
     * view is named by its time, and this text costs a fraction of a {@code DateTimeFormatter}'s.
     */
    private static String utcText(Instant time) {
        return LocalDateTime.ofEpochSecond(time.getEpochSecond(), 0, ZoneOffset.UTC).toString();
    }

    /** The start of a minute written {@code yyyy-MM-ddTHH:mm} (UTC); empty when the text is not one. */
    public static Optional<Instant> parseMinute(String text) {
        return parseKeyTime(text, MINUTE_TEXT_LENGTH);
    }

    /** The start of an hour written {@code yyyy-MM-ddTHH} (UTC); empty when the text is not one. */
    public static Optional<Instant> parseHour(String text) {
        return parseKeyTime(text, HOUR_TEXT_LENGTH);
    }

    /**
     * {@code yyyy-MM-ddTHH}, or {@code yyyy-MM-ddTHH:mm} when {@code length} is {@link #MINUTE_TEXT_LENGTH}, read as
     * the event contract reads a timestamp ({@link IsoInstants#ofContractForm}: each field in its place and in
     * range, and no {@code DateTimeFormatter} on this path, which every lookup of {@code serve} takes).
     */
    private static Optional<Instant> parseKeyTime(String text, int length) {
        if (text.length() != length) {
            return Optional.empty();
        }
        String instant = text + (length == MINUTE_TEXT_LENGTH ? ":00Z" : ":00:00Z");
        return Optional.ofNullable(IsoInstants.ofContractForm(instant));
    }

    /** {@code batch:v<version>:city_hour:<city>:<yyyy-MM-ddTHH>}: a row of gold.city_hourly_sales in that version. */
    public static String batchCityHour(long version, String city, Instant hourStart) {
        return batchVersionPrefix(version) + cityHour(city, hourStart);
    }

    /** {@code batch:v<version>:cities}: the cities of that version's city-hours. */
    public static String batchCities(long version) {
        return batchVersionPrefix(version) + "cities";
    }

    /** The version a key of the batch view belongs to ({@code 3} for {@code batch:v3:cities}); empty for any other key. */
    public static Optional<Long> batchVersion(String key) {
        int colon = key.indexOf(':', BATCH_VERSION_PREFIX.length());
        if (!key.startsWith(BATCH_VERSION_PREFIX) || colon <= BATCH_VERSION_PREFIX.length()) {
            return Optional.empty();
        }
        String digits = key.substring(BATCH_VERSION_PREFIX.length(), colon);
        return digits.chars().allMatch(Character::isDigit) && digits.length() < 19
                ? Optional.of(Long.parseLong(digits)) : Optional.empty();
    }

    private static String batchVersionPrefix(long version) {
        if (version < 1) {
            throw new IllegalArgumentException("batch view versions start at 1, got " + version);
        }
        return BATCH_VERSION_PREFIX + version + ":";
    }

    /** {@code user:<user_id>}: the user's features. */
    public static String user(String userId) {
        return USER_PREFIX + userId;
    }

    /** {@code alert:<alert_id>}. */
    public static String alert(String alertId) {
        return ALERT_PREFIX + alertId;
    }

    /** {@code realtime:<stream>:counts}, e.g. {@code realtime:orders:counts} or {@code realtime:alerts:counts}. */
    public static String counts(String stream) {
        return STREAM_PREFIX + stream + COUNTS_SUFFIX;
    }

    /** {@code realtime:<topic>:too_late}: event_id → event_ts of every event of the topic that came too late. */
    public static String tooLate(String topic) {
        return STREAM_PREFIX + topic + TOO_LATE_SUFFIX;
    }

    /** The stream a counts key is of ({@code orders} for {@code realtime:orders:counts}); empty for any other key. */
    public static Optional<String> countsStream(String key) {
        if (!key.startsWith(STREAM_PREFIX) || !key.endsWith(COUNTS_SUFFIX)
                || key.length() <= STREAM_PREFIX.length() + COUNTS_SUFFIX.length()) {
            return Optional.empty();
        }
        return Optional.of(key.substring(STREAM_PREFIX.length(), key.length() - COUNTS_SUFFIX.length()));
    }

    private static Instant requireStart(Instant start, ChronoUnit unit) {
        if (!start.equals(start.truncatedTo(unit))) {
            throw new IllegalArgumentException("not the start of " + (unit == ChronoUnit.HOURS ? "an hour" : "a minute")
                    + ": " + start);
        }
        return start;
    }
}
