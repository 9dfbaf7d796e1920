package io.alluvium.flink.bench;

import io.alluvium.domain.Topic;
import io.alluvium.flink.realtime.serving.ServingStoreAddress;
import io.alluvium.flink.realtime.views.CityViews;
import io.alluvium.flink.realtime.views.Grain;
import io.alluvium.generator.KafkaPublisher;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * Measures freshness: the time from a producer's send to the value being readable in the serving store.
 * Beside the load, it sends a probe every {@link #PROBE_INTERVAL_MILLIS}: a valid {@code orders} event of
 * a city of its own ({@code probe-<n>}), stamped with the load's current stream time so that it is
 * neither late nor ahead of the other events; its {@code city_hour} key appears in the store when the job
 * has processed it and the sink has flushed it. A poller checks the oldest outstanding probes every
 * {@link #POLL_MILLIS}. Probes are sent with the generator's producer settings, so they wait in the same
 * batches as the load.
 */
final class FreshnessProbes implements AutoCloseable {
    static final long PROBE_INTERVAL_MILLIS = 50;
    private static final long POLL_MILLIS = 2;
    private static final int POLL_AT_MOST = 64;

    /** A probe sent: the key that shows it and when it was sent. */
    private record Probe(String key, long sentNanos) {
    }

    private final KafkaProducer<String, byte[]> producer;
    private final Jedis redis;
    private final LongSupplier streamTime;
    private final Deque<Probe> outstanding = new ArrayDeque<>();
    private final List<Long> freshnessMillis = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean running = true;
    private long next;
    private final Thread sender;
    private final Thread poller;

    /**
     * @param streamTime the event time to stamp the next probe with (epoch ms): the load's current time
     */
    FreshnessProbes(String bootstrapServers, ServingStoreAddress store, LongSupplier streamTime) {
        this.producer = new KafkaProducer<>(KafkaPublisher.producerProperties(bootstrapServers, Map.of()),
                new StringSerializer(), new ByteArraySerializer());
        this.redis = store.connect();
        this.streamTime = streamTime;
        this.sender = new Thread(this::sendLoop, "freshness-probe-sender");
        this.poller = new Thread(this::pollLoop, "freshness-probe-poller");
        sender.setDaemon(true);
        poller.setDaemon(true);
        sender.start();
        poller.start();
    }

    /** The freshness of the probes seen since the last call, in ms; starts a new measurement. */
    List<Long> drain() {
        synchronized (freshnessMillis) {
            List<Long> seen = new ArrayList<>(freshnessMillis);
            freshnessMillis.clear();
            return seen;
        }
    }

    /** Probes sent so far: records the job must count besides the load. */
    long sent() {
        return sent.get();
    }

    private void sendLoop() {
        try {
            while (running) {
                long n = next++;
                String city = "probe-" + n;
                long ts = streamTime.getAsLong();
                byte[] value = ("{\"event_id\":\"probe-" + n + "\",\"order_id\":\"probe-" + n
                        + "\",\"user_id\":\"probe\",\"city\":\"" + city + "\",\"items\":[{\"product_id\":\"probe\","
                        + "\"qty\":1,\"unit_price\":1.00}],\"amount\":1.00,\"currency\":\"EUR\",\"status\":\"created\","
                        + "\"event_ts\":\"" + Instant.ofEpochMilli(ts) + "\"}").getBytes(StandardCharsets.UTF_8);
                Probe probe = new Probe(Grain.HOUR.key(CityViews.SALES, city, Grain.HOUR.startOf(ts)), System.nanoTime());
                synchronized (outstanding) {
                    outstanding.addLast(probe);
                }
                producer.send(new ProducerRecord<>(Topic.ORDERS.topicName(), "probe-" + n, value));
                sent.incrementAndGet();
                Thread.sleep(PROBE_INTERVAL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pollLoop() {
        try {
            while (running) {
                List<Probe> oldest;
                synchronized (outstanding) {
                    oldest = outstanding.stream().limit(POLL_AT_MOST).toList();
                }
                if (!oldest.isEmpty()) {
                    Pipeline pipeline = redis.pipelined();
                    List<Response<Boolean>> exists = oldest.stream().map(p -> pipeline.exists(p.key())).toList();
                    pipeline.sync();
                    long now = System.nanoTime();
                    for (int i = 0; i < oldest.size(); i++) {
                        if (exists.get(i).get()) {
                            synchronized (outstanding) {
                                outstanding.remove(oldest.get(i));
                            }
                            freshnessMillis.add((now - oldest.get(i).sentNanos()) / 1_000_000);
                        }
                    }
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sender.join();
        poller.join();
        producer.close();
        redis.close();
    }
}
