package io.alluvium.flink.realtime.views;

import io.alluvium.domain.ServingKeys;
import io.alluvium.flink.realtime.serving.ServingWrite;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One user's live features, kept in keyed state and written whole to {@code user:<user_id>} after the
 * user's events ({@link UserViews}). Every value is a function of the SET of the user's distinct events seen so far, never
 * of their arrival order, so a restart or a replay of the same log ends with the same hash:
 * <ul>
 * <li>{@code last_event_ts}: the greatest event_ts (not the latest arrival);</li>
 * <li>{@code events_5m}, {@code events_1h}: the events with last_event_ts − 5 min (1 h) &lt; event_ts ≤
 * last_event_ts, counted as they come and as last_event_ts moves on; the times themselves are kept apart
 * ({@link RecentTimes}), those older than the hour forgotten, and a late event older than that not kept;</li>
 * <li>{@code spend_day}: the UTC day of last_event_ts; {@code spend_today}: the sum of the paid amounts of
 * the events on that day (a late payment for an earlier day does not count, a new day starts at 0);</li>
 * <li>{@code last_city}, {@code last_device}: see {@link Newest}.</li>
 * </ul>
 * A Flink POJO, so the state is serialized without Kryo.
 */
public final class UserFeatures {
    private static final long SHORT_MS = Duration.ofMinutes(5).toMillis();
    private static final long LONG_MS = Duration.ofHours(1).toMillis();
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    public long lastEventTs = Long.MIN_VALUE;
    /** How many of the times kept are in (lastEventTs − 5 min, lastEventTs], and in the hour before it. */
    public int events5m;
    public int events1h;
    public long spendDay;
    public long spendCents;
    public Newest city = new Newest();
    public Newest device = new Newest();

    /** Adds the event; {@code times} keeps the user's event times of the hour before the newest. */
    void add(UserActivity event, TimeStore times) throws Exception {
        if (event.eventTs > lastEventTs) {
            long previous = lastEventTs;
            lastEventTs = event.eventTs;
            if (previous != Long.MIN_VALUE) {
                moveSpans(previous, times);
            }
            long day = Math.floorDiv(lastEventTs, DAY_MS);
            if (day != spendDay) {
                spendDay = day;
                spendCents = 0;
            }
        }
        if (event.eventTs > lastEventTs - LONG_MS) {
            RecentTimes.add(times, event.eventTs);
            events1h++;
            if (event.eventTs > lastEventTs - SHORT_MS) {
                events5m++;
            }
        }
        if (Math.floorDiv(event.eventTs, DAY_MS) == spendDay) {
            spendCents += event.paidCents;
        }
        city.offer(event.city, event.eventTs, event.eventId);
        device.offer(event.device, event.eventTs, event.eventId);
    }

    /**
     * The newest time moved on from {@code previous}: the times that fell out of the 5 min and the hour are
     * subtracted (and forgotten, out of the hour); when a span moved past all it held, it is simply emptied.
     */
    private void moveSpans(long previous, TimeStore times) throws Exception {
        long shortUpTo = lastEventTs - SHORT_MS;
        events5m = shortUpTo >= previous ? 0 : events5m - RecentTimes.count(times, previous - SHORT_MS, shortUpTo);
        long longUpTo = lastEventTs - LONG_MS;
        if (longUpTo >= previous) {
            times.clear();
            events1h = 0;
        } else {
            events1h -= RecentTimes.forget(times, previous - LONG_MS, longUpTo);
        }
    }

    /** The whole hash of {@code user:<user_id>}: absolute values only. */
    ServingWrite toWrite(String userId) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("events_5m", Integer.toString(events5m));
        fields.put("events_1h", Integer.toString(events1h));
        fields.put("spend_today", BigDecimal.valueOf(spendCents, 2).toPlainString());
        fields.put("spend_day", LocalDate.ofEpochDay(spendDay).toString());
        fields.put("last_event_ts", Instant.ofEpochMilli(lastEventTs).toString());
        if (city.value != null) {
            fields.put("last_city", city.value);
        }
        if (device.value != null) {
            fields.put("last_device", device.value);
        }
        return new ServingWrite(ServingKeys.user(userId), fields);
    }
}
