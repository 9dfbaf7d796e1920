package io.alluvium.flink.realtime.views;

import io.alluvium.domain.Topic;
import io.alluvium.flink.realtime.HeldOutput;
import io.alluvium.flink.realtime.serving.ServingWrite;
import io.alluvium.flink.realtime.serving.StoreWrites;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The per-user live features: the {@link UserActivity} of every topic that has some, keyed by user_id, folded
 * into {@link UserFeatures} in keyed state and written whole: the users changed since the last send, every
 * {@code realtime.flush-interval} and before every checkpoint barrier ({@link HeldOutput}; written after each
 * event, the hashes and their fields cost more than the features). No windows and no watermark: every
 * distinct event counts, however late, so the features depend on the log's content alone.
 */
public final class UserViews {
    private UserViews() {
    }

    /** A topic's distinct events as user activity (one union per topic in the pipeline). */
    public static <E> DataStream<UserActivity> activity(DataStream<E> events, Topic topic,
            MapFunction<E, UserActivity> toActivity) {
        String name = topic.topicName() + " activity";
        return events.map(toActivity).returns(UserActivity.class).name(name).uid(topic.topicName() + "-activity");
    }

    public static void define(DataStream<UserActivity> activity, Duration flushInterval, StoreWrites store) {
        store.add(activity.keyBy(a -> a.userId)
                .transform("user features", TypeInformation.of(ServingWrite.class), new Fold(flushInterval.toMillis()))
                .uid("user-features"), "user-features");
    }

    /**
     * Keyed by user_id: adds the event to the user's features and holds the user as changed. The features
     * held are the object last written to keyed state at the user's latest event (on the heap, the state's own:
     * a copy-on-write snapshot copies an object before it is changed again, never after), so what is sent is
     * the newest. The user's recent event times are kept beside the features, per second ({@link TimeStore}).
     */
    private static final class Fold extends HeldOutput<UserActivity, ServingWrite> implements TimeStore {
        private static final long serialVersionUID = 1L;
        private transient ValueState<UserFeatures> features;
        private transient MapState<Long, long[]> seconds;
        private transient MapState<Long, Long> minutes;
        private transient Map<String, UserFeatures> changed;

        Fold(long flushMillis) {
            super(flushMillis);
        }

        @Override
        public void open() throws Exception {
            super.open();
            features = getKeyedStateStore().getState(new ValueStateDescriptor<>("features", UserFeatures.class));
            seconds = getKeyedStateStore().getMapState(new MapStateDescriptor<>("times-by-second", Types.LONG,
                    PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
            minutes = getKeyedStateStore().getMapState(new MapStateDescriptor<>("seconds-by-minute", Types.LONG,
                    Types.LONG));
            changed = new LinkedHashMap<>();
        }

        @Override
        protected void hold(UserActivity event) throws Exception {
            UserFeatures user = features.value();
            if (user == null) {
                user = new UserFeatures();
            }
            user.add(event, this);
            features.update(user);
            changed.put(event.userId, user);
        }

        @Override
        protected void sendHeld() {
            changed.forEach((userId, user) -> send(user.toWrite(userId)));
            changed.clear();
        }

        @Override
        public long[] second(long second) throws Exception {
            return seconds.get(second);
        }

        @Override
        public void putSecond(long second, long[] times) throws Exception {
            seconds.put(second, times);
        }

        @Override
        public void removeSecond(long second) throws Exception {
            seconds.remove(second);
        }

        @Override
        public long secondsOf(long minute) throws Exception {
            Long bits = minutes.get(minute);
            return bits == null ? 0L : bits;
        }

        @Override
        public void putSecondsOf(long minute, long bits) throws Exception {
            minutes.put(minute, bits);
        }

        @Override
        public void removeSecondsOf(long minute) throws Exception {
            minutes.remove(minute);
        }

        @Override
        public void clear() {
            seconds.clear();
            minutes.clear();
        }
    }
}
