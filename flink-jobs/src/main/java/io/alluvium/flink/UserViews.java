package io.alluvium.flink;

import io.alluvium.domain.Topic;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The per-user live features: the {@link UserActivity} of every topic that has some, keyed by user_id, folded
 * into {@link UserFeatures} in keyed state and written whole after each event. No windows and no watermark:
 * every distinct event counts, however late, so the features depend on the log's content alone.
 */
final class UserViews {
    private UserViews() {
    }

    /** A topic's distinct events as user activity (one union per topic in the pipeline). */
    static <E> DataStream<UserActivity> activity(DataStream<E> events, Topic topic,
            MapFunction<E, UserActivity> toActivity) {
        String name = topic.topicName() + " activity";
        return events.map(toActivity).returns(UserActivity.class).name(name).uid(topic.topicName() + "-activity");
    }

    static void define(DataStream<UserActivity> activity, StoreWrites store) {
        store.add(activity.keyBy(a -> a.userId).process(new Fold()).name("user features").uid("user-features"),
                "user-features");
    }

    /** Keyed by user_id: adds the event to the user's features and writes them. */
    private static final class Fold extends KeyedProcessFunction<String, UserActivity, ServingWrite> {
        private static final long serialVersionUID = 1L;
        private transient ValueState<UserFeatures> features;

        @Override
        public void open(OpenContext context) {
            features = getRuntimeContext().getState(new ValueStateDescriptor<>("features", UserFeatures.class));
        }

        @Override
        public void processElement(UserActivity event, Context ctx, Collector<ServingWrite> out) throws Exception {
            UserFeatures user = features.value();
            if (user == null) {
                user = new UserFeatures();
            }
            user.add(event);
            features.update(user);
            out.collect(user.toWrite(ctx.getCurrentKey()));
        }
    }
}
