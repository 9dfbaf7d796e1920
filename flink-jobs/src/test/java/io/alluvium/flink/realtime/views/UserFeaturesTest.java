package io.alluvium.flink.realtime.views;

import static org.assertj.core.api.Assertions.assertThat;

import io.alluvium.domain.ServingFields;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A user's features are a function of the set of the user's events: every arrival order of the same
 * events gives the same hash, and that hash is what the definitions (REALTIME.md) compute directly from
 * the set — also over long histories, dense and sparse, where times leave the spans and old ones are
 * forgotten: the store keeps the last hour's seconds only.
 */
class UserFeaturesTest {
    private static final long T0 = Instant.parse("2026-11-01T23:20:00Z").toEpochMilli();

    @Test
    void everyArrivalOrderOfTheSameEventsGivesTheSameFeatures() {
        List<UserActivity> events = List.of(
                event("e1", "23:10:00.000", "Paris", "ios", 0),
                event("e2", "23:59:59.999", "Paris", null, 2_000),
                event("e3", "00:00:00.000+1", "Lyon", "web", 0),
                event("e4", "00:04:59.999+1", null, null, 700),
                event("e5", "00:10:00.000+1", "Rome", null, 150),
                event("e7", "00:10:00.000+1", "Oslo", "android", 0),
                event("e6", "00:10:00.000+1", "Nice", "ios", 0));
        Set<Map<String, String>> outcomes = permutations(events).stream().map(UserFeaturesTest::fold)
                .collect(Collectors.toSet());

        assertThat(outcomes).containsExactly(Map.of("events_5m", "3", "events_1h", "6", "spend_today", "8.50",
                "spend_day", "2026-11-02", "last_event_ts", "2026-11-02T00:10:00Z", "last_city", "Oslo",
                "last_device", "android"));
        assertThat(outcomes.iterator().next()).containsOnlyKeys(ServingFields.USER.keySet()); // the contract's fields
    }

    /**
     * Events {@code spacingMs} apart (every one shifted back by up to {@code lateMs}), the second half shuffled:
     * every 2 s with some up to 1 h late; a burst of several events per millisecond; hours apart.
     */
    @ParameterizedTest
    @CsvSource({"5000, 2000, 3600000", "20000, 0, 5", "300, 1500000, 600000"})
    void aLongShuffledHistoryGivesWhatTheDefinitionsSayAndKeepsOnlyTheLastHour(int count, long spacingMs,
            int lateMs) throws Exception {
        Random random = new Random(7);
        List<UserActivity> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long ts = T0 + i * spacingMs + (spacingMs == 0 ? i / 4 : 0) - random.nextInt(lateMs);
            events.add(new UserActivity("u-1", "e" + i, ts, "c" + random.nextInt(3), random.nextBoolean() ? "ios" : null,
                    random.nextInt(4) == 0 ? random.nextInt(10_000) : 0));
        }
        for (int round = 0; round < 3; round++) {
            Collections.shuffle(events.subList(events.size() / 2, events.size()), random);
            TimesInMaps times = new TimesInMaps();
            assertThat(fold(events, times)).isEqualTo(definitions(events));

            long newest = events.stream().mapToLong(e -> e.eventTs).max().orElseThrow();
            long oldestSecondKept = Math.floorDiv(newest - Duration.ofHours(1).toMillis(), 1000);
            assertThat(times.seconds.keySet()).as("seconds kept").allMatch(second -> second >= oldestSecondKept);
            assertThat(times.minutes.keySet()).as("minutes indexed")
                    .isEqualTo(times.seconds.keySet().stream().map(second -> Math.floorDiv(second, 60L))
                            .collect(Collectors.toSet()));
        }
    }

    /** REALTIME.md's definitions, computed from the set of events at once. */
    private static Map<String, String> definitions(List<UserActivity> events) {
        long newest = events.stream().mapToLong(e -> e.eventTs).max().orElseThrow();
        LocalDate day = Instant.ofEpochMilli(newest).atZone(ZoneOffset.UTC).toLocalDate();
        Comparator<UserActivity> byTimeThenId = Comparator.<UserActivity>comparingLong(e -> e.eventTs)
                .thenComparing(e -> e.eventId);
        long cents = events.stream()
                .filter(e -> Instant.ofEpochMilli(e.eventTs).atZone(ZoneOffset.UTC).toLocalDate().equals(day))
                .mapToLong(e -> e.paidCents).sum();
        return Map.of(
                "events_5m", Long.toString(within(events, newest, Duration.ofMinutes(5))),
                "events_1h", Long.toString(within(events, newest, Duration.ofHours(1))),
                "spend_today", BigDecimal.valueOf(cents, 2).toPlainString(),
                "spend_day", day.toString(),
                "last_event_ts", Instant.ofEpochMilli(newest).toString(),
                "last_city", events.stream().filter(e -> e.city != null).max(byTimeThenId).orElseThrow().city,
                "last_device", events.stream().filter(e -> e.device != null).max(byTimeThenId).orElseThrow().device);
    }

    private static long within(List<UserActivity> events, long newest, Duration span) {
        return events.stream().filter(e -> e.eventTs > newest - span.toMillis() && e.eventTs <= newest).count();
    }

    private static Map<String, String> fold(List<UserActivity> events) {
        try {
            return fold(events, new TimesInMaps());
        } catch (Exception e) {
            throw new IllegalStateException(e); // the maps throw nothing; TimeStore's methods may
        }
    }

    private static Map<String, String> fold(List<UserActivity> events, TimeStore times) throws Exception {
        UserFeatures features = new UserFeatures();
        for (UserActivity event : events) {
            features.add(event, times);
        }
        return features.toWrite("u-1").fields;
    }

    /** An event at {@code HH:mm:ss.SSS} of 2026-11-01, or of the next day with a {@code +1} suffix. */
    private static UserActivity event(String id, String time, String city, String device, long paidCents) {
        boolean nextDay = time.endsWith("+1");
        String day = nextDay ? "2026-11-02T" : "2026-11-01T";
        long ts = Instant.parse(day + time.replace("+1", "") + "Z").toEpochMilli();
        return new UserActivity("u-1", id, ts, city, device, paidCents);
    }

    private static List<List<UserActivity>> permutations(List<UserActivity> events) {
        if (events.isEmpty()) {
            return List.of(List.of());
        }
        List<List<UserActivity>> all = new ArrayList<>();
        for (UserActivity head : events) {
            List<UserActivity> rest = new ArrayList<>(events);
            rest.remove(head);
            for (List<UserActivity> tail : permutations(rest)) {
                List<UserActivity> order = new ArrayList<>();
                order.add(head);
                order.addAll(tail);
                all.add(order);
            }
        }
        return all;
    }
}
