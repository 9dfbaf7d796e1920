package io.alluvium.flink.testing;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.domain.Topic;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Events of one topic written by hand for the realtime tests, sent in this order to partition 0
 * ({@link CraftedRecords}: which events are too late follows from the order alone), remembering the distinct valid ones and those the
 * job must find too late for their hour (and so for their minute). From that, the per-topic oracles
 * ({@link CraftedOrders}, {@link CraftedClicks}) compute the hashes of the per-city views, independently
 * of the job.
 *
 * @param <S> the topic's sent event
 */
public class CraftedEvents<S extends CraftedEvents.Sent> implements AutoCloseable {
    static final String DAY = "2026-11-01T";
    private static final DateTimeFormatter EVENT_TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** A valid event as sent. */
    public interface Sent {
        String eventId();

        String city();

        /** Its event_ts: a time of {@link #DAY} ({@code HH:mm}, {@code HH:mm:ss.SSS}) or a whole ISO instant. */
        String ts();

        String json();

        default Instant instant() {
            return Instant.parse(ts().contains("T") ? ts() : DAY + ts() + (ts().length() == 5 ? ":00Z" : "Z"));
        }

        /** The event_ts field's value, with milliseconds as the generator writes it. */
        default String eventTs() {
            return EVENT_TS.format(instant());
        }
    }

    private final Topic topic;
    private final CraftedRecords records;
    private final List<S> distinctValid = new ArrayList<>();
    private final Set<String> tooLate = new HashSet<>();
    /** Every id the job must keep in its too-late hash: those too late, and forgotten copies. */
    private final Set<String> keptAsTooLate = new HashSet<>();

    public CraftedEvents(AlluviumConfig config, Topic topic) {
        this.topic = topic;
        this.records = new CraftedRecords(config);
    }

    /** Sends a valid event for the first time. */
    public CraftedEvents<S> valid(S event) {
        distinctValid.add(event);
        return raw(event.json());
    }

    /** Sends a valid event the job must find too late for its window. */
    public CraftedEvents<S> tooLate(S event) {
        tooLate.add(event.eventId());
        keptAsTooLate.add(event.eventId());
        return valid(event);
    }

    /**
     * Sends the same bytes as an earlier event again after the job forgot its id
     * ({@code realtime.dedup-retention}): a new event to the job, and too late for its long-closed windows.
     */
    public CraftedEvents<S> forgottenCopy(S event) {
        keptAsTooLate.add(event.eventId());
        return raw(event.json());
    }

    /** Sends the same bytes as an earlier event again, as a retrying producer does. */
    public CraftedEvents<S> duplicate(S event) {
        return raw(event.json());
    }

    public CraftedEvents<S> raw(String payload) {
        records.send(topic, payload);
        return this;
    }

    public Set<String> tooLateIds() {
        return Set.copyOf(keptAsTooLate);
    }

    /**
     * Per key {@code <view>_hour:<city>:<yyyy-MM-ddTHH>} ({@code unit} HOURS) or
     * {@code <view>_minute:<city>:<yyyy-MM-ddTHH:mm>} (MINUTES), the hash the view must hold: city, window
     * start and {@code totals} of the distinct valid events counted in that window.
     */
    public Map<String, Map<String, String>> expected(String view, ChronoUnit unit, Function<List<S>, Map<String, String>> totals) {
        boolean hours = unit == ChronoUnit.HOURS;
        Map<String, List<S>> byWindow = new TreeMap<>();
        for (S e : distinctValid) {
            if (!tooLate.contains(e.eventId())) {
                Instant start = e.instant().truncatedTo(unit);
                byWindow.computeIfAbsent(e.city() + ":" + start.toString().substring(0, hours ? 13 : 16),
                        k -> new ArrayList<>()).add(e);
            }
        }
        Map<String, Map<String, String>> expected = new TreeMap<>();
        byWindow.forEach((cityAndStart, events) -> {
            Map<String, String> hash = new LinkedHashMap<>();
            hash.put("city", events.get(0).city());
            hash.put(hours ? "hour_start" : "minute_start", events.get(0).instant().truncatedTo(unit).toString());
            hash.putAll(totals.apply(events));
            expected.put(view + (hours ? "_hour:" : "_minute:") + cityAndStart, hash);
        });
        return expected;
    }

    @Override
    public void close() {
        records.close();
    }
}
