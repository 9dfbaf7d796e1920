package io.alluvium.flink.realtime.serving;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Writes {@link ServingWrite}s to the serving store. Writes are coalesced per key (only the newest values
 * of a hash field or a sorted set member matter, since they are absolute; a set's members are gathered) and
 * sent in one pipeline at the latest {@code realtime.flush-interval} after they arrive, and always before a
 * checkpoint barrier passes the writer ({@code flush}): so when a checkpoint completes, everything it covers
 * is in Redis, and what comes after it is rewritten identically on replay.
 */
public final class ServingStoreSink implements Sink<ServingWrite> {
    private static final long serialVersionUID = 1L;
    private static final int MAX_BUFFERED_KEYS = 10_000;
    /** How long a write waits for a serving store that is loading its data after a restart. */
    static final Duration LOADING_WAIT = Duration.ofMinutes(2);
    private static final long LOADING_POLL_MILLIS = 200;

    private final ServingStoreAddress address;
    private final long flushDelayMillis;

    private ServingStoreSink(ServingStoreAddress address, Duration flushDelay) {
        this.address = address;
        this.flushDelayMillis = flushDelay.toMillis();
    }

    /** The sink of the store the settings name, sending each write within {@code realtime.flush-interval}. */
    public static ServingStoreSink of(AlluviumConfig config) {
        return new ServingStoreSink(ServingStoreAddress.of(config),
                config.getDuration(AlluviumSettings.REALTIME_FLUSH_INTERVAL));
    }

    @Override
    public SinkWriter<ServingWrite> createWriter(WriterInitContext context) {
        return new Writer(address.connect(), context.getProcessingTimeService(), flushDelayMillis);
    }

    /**
     * Sends {@code writes} in one pipeline and returns once Redis has accepted every one of them. A pipeline
     * does not throw for a command Redis answered with an error, so each reply is checked: an error fails
     * the writer (and with it the job, which restarts from its last checkpoint and rewrites everything
     * after it) instead of losing the write while the next checkpoint completes as if it had been written.
     * The one error that is waited out is {@code LOADING}: a redis-server started again (after a crash)
     * accepts connections while it reads its append-only file and refuses every command until done; the
     * whole pipeline is sent again (the values are absolute, so sending one twice changes nothing) for up
     * to {@link #LOADING_WAIT}.
     */
    static void send(Jedis jedis, Collection<ServingWrite> writes) {
        long waitedMillis = 0;
        while (true) {
            Pipeline pipeline = jedis.pipelined();
            List<Response<?>> replies = new ArrayList<>(writes.size());
            for (ServingWrite write : writes) {
                replies.add(switch (write.kind) {
                    case HASH -> pipeline.hset(write.key, write.fields);
                    case SET -> pipeline.sadd(write.key, write.fields.keySet().toArray(String[]::new));
                    case SORTED_SET -> {
                        Map<String, Double> scores = new HashMap<>();
                        write.fields.forEach((member, score) -> scores.put(member, Double.parseDouble(score)));
                        yield pipeline.zadd(write.key, scores);
                    }
                });
            }
            pipeline.sync();
            JedisDataException refused = firstError(replies);
            if (refused == null) {
                return;
            }
            if (!isLoading(refused) || waitedMillis >= LOADING_WAIT.toMillis()) {
                throw new IllegalStateException("the serving store refused a write"
                        + (waitedMillis > 0 ? " after " + waitedMillis + " ms of waiting for it to load" : "")
                        + ": " + refused.getMessage(), refused);
            }
            try {
                Thread.sleep(LOADING_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the serving store was loading", e);
            }
            waitedMillis += LOADING_POLL_MILLIS;
        }
    }

    private static JedisDataException firstError(List<Response<?>> replies) {
        for (Response<?> reply : replies) {
            try {
                reply.get();
            } catch (JedisDataException e) {
                return e;
            }
        }
        return null;
    }

    private static boolean isLoading(JedisDataException e) {
        return e.getMessage() != null && e.getMessage().startsWith("LOADING");
    }

    private static final class Writer implements SinkWriter<ServingWrite> {
        private final Jedis jedis;
        private final ProcessingTimeService time;
        private final long flushDelayMillis;
        private final Map<String, ServingWrite> pending = new LinkedHashMap<>();
        private boolean flushScheduled;

        Writer(Jedis jedis, ProcessingTimeService time, long flushDelayMillis) {
            this.jedis = jedis;
            this.time = time;
            this.flushDelayMillis = flushDelayMillis;
        }

        @Override
        public void write(ServingWrite write, Context context) {
            pending.computeIfAbsent(write.key, k -> new ServingWrite(write.kind, k, new HashMap<>())).fields
                    .putAll(write.fields);
            if (pending.size() >= MAX_BUFFERED_KEYS) {
                send();
            } else if (!flushScheduled) {
                flushScheduled = true;
                time.registerTimer(time.getCurrentProcessingTime() + flushDelayMillis, t -> {
                    flushScheduled = false;
                    send();
                });
            }
        }

        @Override
        public void flush(boolean endOfInput) {
            send();
        }

        private void send() {
            if (pending.isEmpty()) {
                return;
            }
            ServingStoreSink.send(jedis, pending.values());
            pending.clear();
        }

        @Override
        public void close() throws IOException {
            jedis.close();
        }
    }
}
