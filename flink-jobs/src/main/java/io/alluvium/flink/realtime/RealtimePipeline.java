package io.alluvium.flink.realtime;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.domain.FraudThresholds;
import io.alluvium.domain.Topic;
import io.alluvium.flink.realtime.fraud.FraudRules;
import io.alluvium.flink.realtime.serving.ServingWrite;
import io.alluvium.flink.realtime.serving.StoreWrites;
import io.alluvium.flink.realtime.source.ClickEvent;
import io.alluvium.flink.realtime.source.ClickValidation;
import io.alluvium.flink.realtime.source.OrderEvent;
import io.alluvium.flink.realtime.source.OrderValidation;
import io.alluvium.flink.realtime.source.PaymentEvent;
import io.alluvium.flink.realtime.source.PaymentValidation;
import io.alluvium.flink.realtime.source.TopicSource;
import io.alluvium.flink.realtime.views.CitySalesTotals;
import io.alluvium.flink.realtime.views.CityViews;
import io.alluvium.flink.realtime.views.FunnelCounts;
import io.alluvium.flink.realtime.views.UserActivity;
import io.alluvium.flink.realtime.views.UserViews;
import io.alluvium.runtime.KafkaEndpoints;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The realtime dataflow (flink-jobs/REALTIME.md): each topic read by a {@link TopicSource} (validation, per-partition
 * watermarks, dedup by event_id), then the views kept in the serving store — {@link CityViews} of
 * {@code orders} (city_hour, city_minute) and {@code clickstream} (funnel_hour, funnel_minute), the users'
 * features ({@link UserViews}), the alerts of the {@link FraudRules} from {@code payments} and
 * {@code orders} — and the counts of everything set aside, each stream of writes into a sink chained to the
 * operator that makes it ({@link StoreWrites}).
 */
public final class RealtimePipeline {
    /** The topics the realtime job reads (its catch-up covers their partitions). */
    public static final List<Topic> TOPICS = List.of(Topic.ORDERS, Topic.CLICKSTREAM, Topic.PAYMENTS);

    private RealtimePipeline() {
    }

    /**
     * @param sink    where the views and counts go: the serving store, or a bench's discarding sink
     * @param bounded read the topics up to their end offsets at the start, then finish
     */
    public static void define(StreamExecutionEnvironment env, AlluviumConfig config, Sink<ServingWrite> sink,
            boolean bounded) {
        Duration flushInterval = config.getDuration(AlluviumSettings.REALTIME_FLUSH_INTERVAL);
        Tallies tallies = new Tallies(flushInterval);
        Duration allowedLateness = config.getDuration(AlluviumSettings.REALTIME_ALLOWED_LATENESS);
        TopicSource topics = new TopicSource(env, KafkaEndpoints.bootstrapServers(config),
                config.getDuration(AlluviumSettings.REALTIME_WATERMARK_DELAY),
                config.getDuration(AlluviumSettings.REALTIME_IDLE_PARTITION_TIMEOUT),
                config.getDuration(AlluviumSettings.REALTIME_DEDUP_RETENTION), bounded, tallies);
        TopicSource.Distinct<OrderEvent> orders = topics.read(Topic.ORDERS, OrderEvent.class,
                OrderValidation::validate);
        DataStream<ClickEvent> clicks = topics.distinctEvents(Topic.CLICKSTREAM, ClickEvent.class,
                ClickValidation::validate);
        TopicSource.Distinct<PaymentEvent> payments = topics.read(Topic.PAYMENTS, PaymentEvent.class,
                PaymentValidation::validate);
        CityViews cityViews = new CityViews(allowedLateness, flushInterval, tallies);
        DataStream<UserActivity> activity = UserViews.activity(orders.all(), Topic.ORDERS, OrderEvent::activity)
                .union(UserViews.activity(clicks, Topic.CLICKSTREAM, ClickEvent::activity),
                        UserViews.activity(payments.all(), Topic.PAYMENTS, PaymentEvent::activity));
        StoreWrites store = new StoreWrites(sink);
        cityViews.of(orders.all(), Topic.ORDERS, CityViews.SALES, CitySalesTotals.class, store);
        cityViews.of(clicks, Topic.CLICKSTREAM, CityViews.FUNNEL, FunnelCounts.class, store);
        FraudRules.define(payments, orders.inOrder(), FraudThresholds.of(config), tallies, store);
        UserViews.define(activity, flushInterval, store);
        tallies.countInto(store);
    }
}
