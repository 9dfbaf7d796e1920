package io.alluvium.flink;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Writes {@link ServingWrite}s to the serving store. Writes are coalesced per key (only the newest values
 * of a hash field or a sorted set member matter, since they are absolute; a set's members are gathered) and
 * sent in one pipeline at the latest {@link #FLUSH_DELAY_MILLIS} after they arrive, and always before a
 * checkpoint barrier passes the writer ({@code flush}): so when a checkpoint completes, everything it covers
 * is in Redis, and what comes after it is rewritten identically on replay.
 */
final class ServingStoreSink implements Sink<ServingWrite> {
    private static final long serialVersionUID = 1L;
    static final long FLUSH_DELAY_MILLIS = 200;
    private static final int MAX_BUFFERED_KEYS = 10_000;

    private final ServingStoreAddress address;

    ServingStoreSink(ServingStoreAddress address) {
        this.address = address;
    }

    @Override
    public SinkWriter<ServingWrite> createWriter(WriterInitContext context) {
        return new Writer(address.connect(), context.getProcessingTimeService());
    }

    private static final class Writer implements SinkWriter<ServingWrite> {
        private final Jedis jedis;
        private final ProcessingTimeService time;
        private final Map<String, ServingWrite> pending = new LinkedHashMap<>();
        private boolean flushScheduled;

        Writer(Jedis jedis, ProcessingTimeService time) {
            this.jedis = jedis;
            this.time = time;
        }

        @Override
        public void write(ServingWrite write, Context context) {
            pending.computeIfAbsent(write.key, k -> new ServingWrite(write.kind, k, new HashMap<>())).fields
                    .putAll(write.fields);
            if (pending.size() >= MAX_BUFFERED_KEYS) {
                send();
            } else if (!flushScheduled) {
                flushScheduled = true;
                time.registerTimer(time.getCurrentProcessingTime() + FLUSH_DELAY_MILLIS, t -> {
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
            Pipeline pipeline = jedis.pipelined();
            for (ServingWrite write : pending.values()) {
                switch (write.kind) {
                    case HASH -> pipeline.hset(write.key, write.fields);
                    case SET -> pipeline.sadd(write.key, write.fields.keySet().toArray(String[]::new));
                    case SORTED_SET -> {
                        Map<String, Double> scores = new HashMap<>();
                        write.fields.forEach((member, score) -> scores.put(member, Double.parseDouble(score)));
                        pipeline.zadd(write.key, scores);
                    }
                    default -> throw new IllegalStateException("unknown write kind " + write.kind);
                }
            }
            pipeline.sync();
            pending.clear();
        }

        @Override
        public void close() throws IOException {
            jedis.close();
        }
    }
}
