package io.alluvium.flink.realtime.source;

import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * One Kafka record after validation at the source: the valid event, or the reason code it is rejected
 * with (Silver's codes), and the partition it was read from. Validating in the source lets the watermark
 * follow each partition's own event time; the rejected ones are counted right after it, where each valid
 * event is also marked {@code behind} when it lies more than the watermark delay behind an earlier
 * event of its partition.
 *
 * @param <T> the topic's event type
 */
public final class Checked<T> {
    public T event;
    public String reason;
    public int partition;
    public boolean behind;
    /**
     * The Kafka record's timestamp (producer or broker append time, epoch ms; negative if none), for the
     * partition's watermark generator ({@link EventTimeBehindMax}: was the partition caught up when it
     * read this record?), which sees the very object the deserializer made. Not part of the type below,
     * so never serialized or copied past the source: 0 downstream.
     */
    public transient long kafkaTimestamp;

    public Checked() {
    }

    private Checked(T event, String reason) {
        this.event = event;
        this.reason = reason;
    }

    static <T> Checked<T> valid(T event) {
        return new Checked<>(event, null);
    }

    static <T> Checked<T> rejected(String reason) {
        return new Checked<>(null, reason);
    }

    /** Flink's type of {@code Checked<T>}: a POJO, so records pass between operators without Kryo. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <T> TypeInformation<Checked<T>> typeOf(Class<T> eventType) {
        return (TypeInformation) Types.POJO(Checked.class, Map.of("event", TypeInformation.of(eventType),
                "reason", Types.STRING, "partition", Types.INT, "behind", Types.BOOLEAN));
    }
}
