package io.alluvium.flink.realtime;

import io.alluvium.domain.ServingKeys;
import io.alluvium.flink.realtime.serving.ServingWrite;
import io.alluvium.flink.realtime.source.TimedEvent;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * An event of a topic that came too late for what the realtime job makes of it (a window already
 * dropped, or a fraud rule already past its time): tallied as {@code too_late} and kept by id with its
 * event_ts in {@code realtime:<topic>:too_late}, never dropped silently.
 */
public final class TooLate<T extends TimedEvent> extends ProcessFunction<T, ServingWrite> {
    private static final long serialVersionUID = 1L;
    private final String topic;

    public TooLate(String topic) {
        this.topic = topic;
    }

    @Override
    public void processElement(T event, Context ctx, Collector<ServingWrite> out) {
        ctx.output(Tallies.TAG, new Tally(topic, Tally.TOO_LATE));
        out.collect(new ServingWrite(ServingKeys.tooLate(topic),
                Map.of(event.eventId(), Instant.ofEpochMilli(event.eventTs()).toString())));
    }
}
