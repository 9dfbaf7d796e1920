package io.alluvium.flink;

import io.alluvium.domain.Topic;
import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The realtime dataflow (issue 5): each topic read by a {@link TopicSource} (validation, per-partition
 * watermarks, dedup by event_id), then the views kept in the serving store — {@link CitySales} from
 * {@code orders} — and the counts of everything set aside, all into one {@link ServingStoreSink}.
 */
final class RealtimePipeline {
    /** The topics the realtime job reads (its catch-up covers their partitions). */
    static final List<Topic> TOPICS = List.of(Topic.ORDERS);

    private RealtimePipeline() {
    }

    static void define(StreamExecutionEnvironment env, String bootstrapServers, Duration watermarkDelay,
            Duration allowedLateness, ServingStoreAddress store) {
        Tallies tallies = new Tallies();
        DataStream<OrderEvent> orders = TopicSource.distinctEvents(env, bootstrapServers, Topic.ORDERS,
                OrderEvent.class, OrderValidation::validate, watermarkDelay, tallies);
        DataStream<ServingWrite> views = CitySales.define(orders, allowedLateness, tallies);
        views.union(tallies.counts())
                .sinkTo(new ServingStoreSink(store)).name("serving store").uid("serving-store");
    }
}
