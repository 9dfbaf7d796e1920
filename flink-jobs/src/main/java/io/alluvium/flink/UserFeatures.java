package io.alluvium.flink;

import io.alluvium.domain.ServingKeys;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One user's live features, kept in keyed state and written whole to {@code user:<user_id>} after each of
 * the user's events. Every value is a function of the SET of the user's distinct events seen so far, never
 * of their arrival order, so a restart or a replay of the same log ends with the same hash:
 * <ul>
 * <li>{@code last_event_ts}: the greatest event_ts (not the latest arrival);</li>
 * <li>{@code events_5m}, {@code events_1h}: the events with last_event_ts − 5 min (1 h) &lt; event_ts ≤
 * last_event_ts; times older than the hour are dropped when last_event_ts moves on, and a late event
 * older than that is not kept;</li>
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
    public RecentTimes recent = new RecentTimes();
    public long spendDay;
    public long spendCents;
    public Newest city = new Newest();
    public Newest device = new Newest();

    void add(UserActivity event) {
        if (event.eventTs > lastEventTs) {
            lastEventTs = event.eventTs;
            recent.dropUpTo(lastEventTs - LONG_MS);
            long day = Math.floorDiv(lastEventTs, DAY_MS);
            if (day != spendDay) {
                spendDay = day;
                spendCents = 0;
            }
        }
        if (event.eventTs > lastEventTs - LONG_MS) {
            recent.add(event.eventTs);
        }
        if (Math.floorDiv(event.eventTs, DAY_MS) == spendDay) {
            spendCents += event.paidCents;
        }
        city.offer(event.city, event.eventTs, event.eventId);
        device.offer(event.device, event.eventTs, event.eventId);
    }

    /** The whole hash of {@code user:<user_id>}: absolute values only. */
    ServingWrite toWrite(String userId) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("events_5m", Integer.toString(recent.countAfter(lastEventTs - SHORT_MS)));
        fields.put("events_1h", Integer.toString(recent.countAfter(lastEventTs - LONG_MS)));
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
