package io.alluvium.generator;

import io.alluvium.contract.Reason;
import io.alluvium.domain.Topic;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * The records of one topic, in order: event time advances evenly over the plan's days, and each record
 * is, by the plan's rates, a duplicate of a recent valid record (the same bytes, as a retrying producer
 * sends), a malformed record of one of the topic's kinds, or a valid event, possibly late. An event of a
 * planted fraud case is always sent as made, at the start of its position's time slot.
 */
final class TopicStream implements Iterator<GeneratedRecord> {
    /** How far back a duplicate may reach: a retry re-sends something recent. */
    private static final int RECENT = 1024;
    private static final long LATE_MIN_MS = 2 * 3_600_000L;
    private static final long LATE_MAX_MS = 48 * 3_600_000L;
    private static final List<String> NOT_JSON = List.of(
            "upstream timeout after 30000 ms",
            "<html><body><h1>502 Bad Gateway</h1></body></html>",
            "event_id;user_id;event_ts");

    private final TopicEvents events;
    private final GeneratorPlan plan;
    private final SplittableRandom rng;
    private final long records;
    private final String[] recentKeys = new String[RECENT];
    private final byte[][] recentValues = new byte[RECENT][];
    private int recentCount;
    private long position;

    TopicStream(TopicEvents events, GeneratorPlan plan, SplittableRandom rng) {
        this.events = events;
        this.plan = plan;
        this.rng = rng;
        this.records = plan.records(events.topic());
    }

    Topic topic() {
        return events.topic();
    }

    long total() {
        return records;
    }

    long emitted() {
        return position;
    }

    @Override
    public boolean hasNext() {
        return position < records;
    }

    @Override
    public GeneratedRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        long i = position++;
        boolean planted = events.planted(i);
        if (!planted && recentCount > 0 && rng.nextDouble() < plan.duplicateRate()) {
            int r = rng.nextInt(Math.min(recentCount, RECENT));
            return new GeneratedRecord(topic(), recentKeys[r], recentValues[r], true, null, false, false, null);
        }
        long streamTs = plan.slotStart(topic(), i)
                + (planted ? 0 : rng.nextLong(Math.max(1, (long) plan.slotMillis(topic()))));
        long lateness = !planted && rng.nextDouble() < plan.lateRate() ? lateness(streamTs) : 0;
        EventFields event = events.next(i, streamTs - lateness, lateness > 0, rng);
        String key = event.text(topic().keyField());
        if (!planted && rng.nextDouble() < plan.malformedRate()) {
            Reason reason = TopicEvents.pick(events.malformedReasons(), rng);
            return new GeneratedRecord(topic(), key, malformed(event, reason), false, reason, false, false, null);
        }
        byte[] value = event.toJson();
        recentKeys[recentCount % RECENT] = key;
        recentValues[recentCount % RECENT] = value;
        recentCount++;
        return new GeneratedRecord(topic(), key, value, false, null, lateness > 0, events.schemaV2(i),
                planted ? events.triggers(i) : null);
    }

    /** 2–48 h behind the stream, but never before the stream's first day; 0 (on time) if that cannot be. */
    private long lateness(long streamTs) {
        long elapsed = streamTs - plan.startMillis();
        if (elapsed < LATE_MIN_MS) {
            return 0;
        }
        return LATE_MIN_MS + rng.nextLong(Math.min(LATE_MAX_MS, elapsed) - LATE_MIN_MS + 1);
    }

    private byte[] malformed(EventFields event, Reason reason) {
        switch (reason) {
            case BAD_JSON:
                if (rng.nextBoolean()) {
                    return NOT_JSON.get(rng.nextInt(NOT_JSON.size())).getBytes(StandardCharsets.UTF_8);
                }
                byte[] json = event.toJson();
                return Arrays.copyOf(json, 1 + rng.nextInt(json.length - 2));
            case MISSING_FIELD:
                event.remove(TopicEvents.pick(events.requiredFields(), rng));
                break;
            case WRONG_TYPE:
                events.breakType(event, rng);
                break;
            case NEGATIVE_AMOUNT:
                event.put("amount", "-" + event.get("amount"));
                break;
            case INVALID_VALUE:
                events.breakEnum(event, rng);
                break;
            default:
                throw new IllegalStateException(reason.name());
        }
        return event.toJson();
    }
}
