package io.alluvium.spark;

import io.alluvium.runtime.ChildProtocol.BadInputException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.TreeSet;

/** The event days of {@code --backfill FROM..TO} (both included), e.g. {@code 2026-11-01..2026-11-03}. */
public record DayRange(LocalDate from, LocalDate to) {
    /** Larger backfills are almost surely a typo in a year. */
    static final int MAX_DAYS = 3660;

    public static DayRange parse(String text) {
        String[] parts = text.split("\\.\\.", -1);
        if (parts.length != 2) {
            throw new BadInputException("--backfill expects FROM..TO (e.g. 2026-11-01..2026-11-03), got \"" + text + "\"");
        }
        try {
            DayRange range = new DayRange(LocalDate.parse(parts[0].trim()), LocalDate.parse(parts[1].trim()));
            if (range.to.isBefore(range.from)) {
                throw new BadInputException("--backfill " + text + ": the end day is before the start day");
            }
            if (range.days().size() > MAX_DAYS) {
                throw new BadInputException("--backfill " + text + ": more than " + MAX_DAYS + " days");
            }
            return range;
        } catch (DateTimeParseException e) {
            throw new BadInputException("--backfill " + text + ": days must be ISO dates (YYYY-MM-DD)");
        }
    }

    public Set<LocalDate> days() {
        Set<LocalDate> days = new TreeSet<>();
        for (LocalDate d = from; !d.isAfter(to) && days.size() <= MAX_DAYS; d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
    }
}
