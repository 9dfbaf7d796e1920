package io.alluvium.domain;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The key names of the serving store, as {@code flink-jobs/REALTIME.md} fixes them: the contract between the
 * realtime job that writes them and every reader ({@code serve}, {@code watch}, {@code bench serving}, tests),
 * spelled once here. (The realtime job still spells its own, in {@code Grain}, {@code CityViews}, {@code Tally}
 * and {@code TooLate}, until a later pass moves it onto these.) What each hash holds is
 * {@link ServingFields}.
 */
public final class ServingKeys {
    public static final String CITY_HOUR_PREFIX = "city_hour:";
    /** SCAN pattern of every (city, hour) hash. */
    public static final String CITY_HOUR_PATTERN = CITY_HOUR_PREFIX + "*";
    /** Set of every city that has a {@code city_hour} key. */
    public static final String CITIES = "realtime:cities";
    public static final String USER_PREFIX = "user:";
    public static final String ALERT_PREFIX = "alert:";
    /** Sorted set: member alert_id, score the triggering event_ts in epoch millis. */
    public static final String ALERTS_BY_TIME = "alerts:by_time";
    private static final String COUNTS_PREFIX = "realtime:";
    private static final String COUNTS_SUFFIX = ":counts";
    /** SCAN pattern of every {@code realtime:<stream>:counts} hash. */
    public static final String COUNTS_PATTERN = COUNTS_PREFIX + "*" + COUNTS_SUFFIX;

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    private ServingKeys() {
    }

    /** A (city, UTC hour) as its key names it. */
    public record CityHour(String city, Instant hourStart) {
        public CityHour {
            if (!hourStart.equals(hourStart.truncatedTo(ChronoUnit.HOURS))) {
                throw new IllegalArgumentException("not the start of an hour: " + hourStart);
            }
        }

        public String key() {
            return CITY_HOUR_PREFIX + city + ":" + hourText(hourStart);
        }
    }

    /** {@code city_hour:<city>:<yyyy-MM-ddTHH>}, the hour in UTC. */
    public static String cityHour(String city, Instant hourStart) {
        return new CityHour(city, hourStart).key();
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
        return HOUR.format(hourStart);
    }

    /** The start of an hour written {@code yyyy-MM-ddTHH} (UTC); empty when the text is not one. */
    public static Optional<Instant> parseHour(String text) {
        if (text.length() != "yyyy-MM-ddTHH".length()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(text + ":00").toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
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
        return COUNTS_PREFIX + stream + COUNTS_SUFFIX;
    }

    /** The stream a counts key is of ({@code orders} for {@code realtime:orders:counts}); empty for any other key. */
    public static Optional<String> countsStream(String key) {
        if (!key.startsWith(COUNTS_PREFIX) || !key.endsWith(COUNTS_SUFFIX)
                || key.length() <= COUNTS_PREFIX.length() + COUNTS_SUFFIX.length()) {
            return Optional.empty();
        }
        return Optional.of(key.substring(COUNTS_PREFIX.length(), key.length() - COUNTS_SUFFIX.length()));
    }
}
