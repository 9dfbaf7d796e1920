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
 * The UTC hours whose start lies in {@code [from, to)}, {@code from} taken down to the start of its hour: what
 * {@code /cities/hours} reads, one key per city and hour. Bounded ({@link #MAX}) because every hour of the range
 * is one lookup per city.
 */
public record HourRange(Instant from, Instant to) {
    /** 31 days of hours: a month of one city is 744 lookups, of 40 cities about 30,000. */
    public static final Duration MAX = Duration.ofDays(31);

    public HourRange {
        from = from.truncatedTo(ChronoUnit.HOURS);
        if (!to.isAfter(from)) {
            throw new BadParameter("to", "must be after from (" + from + "), got " + to);
        }
        if (Duration.between(from, to).compareTo(MAX) > 0) {
            throw new BadParameter("to", "the range may span at most " + MAX.toDays() + " days of hours, got "
                    + from + " to " + to);
        }
    }

    /** The one hour that starts at {@code hourStart}. */
    public static HourRange hour(Instant hourStart) {
        return new HourRange(hourStart, hourStart.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)));
    }

    public List<Instant> hours() {
        List<Instant> hours = new ArrayList<>();
        for (Instant h = from; h.isBefore(to); h = h.plus(Duration.ofHours(1))) {
            hours.add(h);
        }
        return hours;
    }

    /**
     * A time as the API takes it: an ISO-8601 instant ({@code 2026-11-01T05:30:00Z}) or an hour as keys write it
     * ({@code 2026-11-01T05}, UTC).
     *
     * @param parameter named in the error when the text is neither
     */
    static Instant parseTime(String parameter, String text) {
        Optional<Instant> hour = ServingKeys.parseHour(text);
        if (hour.isPresent()) {
            return hour.get();
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadParameter(parameter, "expected an ISO-8601 instant (2026-11-01T05:30:00Z) or an hour "
                    + "(2026-11-01T05, UTC), got \"" + text + "\"");
        }
    }
}
