package io.alluvium.serving;

import io.alluvium.domain.ServingKeys;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The UTC hours (or minutes) whose start lies in {@code [from, to)}, {@code from} taken down to the start of its
 * hour (minute): what the range endpoints read, one key per city and start. Bounded ({@link Grain#max}) because
 * every start of the range is one lookup per city.
 */
public record TimeRange(Grain grain, Instant from, Instant to) {
    /** What a range is made of. */
    public enum Grain {
        /** 31 days of hours: a month of one city is 744 lookups, of 40 cities about 30,000. */
        HOUR(ChronoUnit.HOURS, Duration.ofDays(31), "31 days of hours"),
        /** 6 hours of minutes: 360 lookups per city, of 40 cities about 14,000 (fewer than a month of hours). */
        MINUTE(ChronoUnit.MINUTES, Duration.ofHours(6), "6 hours of minutes");

        final ChronoUnit unit;
        final Duration max;
        private final String maxText;

        Grain(ChronoUnit unit, Duration max, String maxText) {
            this.unit = unit;
            this.max = max;
            this.maxText = maxText;
        }
    }

    public TimeRange {
        from = from.truncatedTo(grain.unit);
        if (!to.isAfter(from)) {
            throw new BadParameter("to", "must be after from (" + from + "), got " + to);
        }
        if (Duration.between(from, to).compareTo(grain.max) > 0) {
            throw new BadParameter("to", "the range may span at most " + grain.maxText + ", got " + from + " to " + to);
        }
    }

    /** The one hour that starts at {@code hourStart}. */
    public static TimeRange hour(Instant hourStart) {
        return new TimeRange(Grain.HOUR, hourStart, hourStart.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)));
    }

    /** The start of every hour (minute) of the range, in order. */
    public List<Instant> starts() {
        List<Instant> starts = new ArrayList<>();
        for (Instant s = from; s.isBefore(to); s = s.plus(1, grain.unit)) {
            starts.add(s);
        }
        return starts;
    }

    /**
     * A time as the API takes it: an ISO-8601 instant ({@code 2026-11-01T05:30:00Z}), or an hour or a minute as keys
     * write them ({@code 2026-11-01T05}, {@code 2026-11-01T05:30}, UTC).
     *
     * @param parameter named in the error when the text is none of these
     */
    static Instant parseTime(String parameter, String text) {
        Optional<Instant> keyTime = ServingKeys.parseHour(text).or(() -> ServingKeys.parseMinute(text));
        if (keyTime.isPresent()) {
            return keyTime.get();
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadParameter(parameter, "expected an ISO-8601 instant (2026-11-01T05:30:00Z), an hour "
                    + "(2026-11-01T05) or a minute (2026-11-01T05:30), UTC, got \"" + text + "\"");
        }
    }
}
