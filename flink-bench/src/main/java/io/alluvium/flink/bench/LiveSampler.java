package io.alluvium.flink.bench;

import io.alluvium.flink.realtime.ProcessedRecords;
import io.alluvium.flink.realtime.serving.ServingStoreAddress;
import io.alluvium.flink.run.HeapWatch;
import io.alluvium.flink.run.KafkaLogEnds;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;

/**
 * Samples, every {@link #SAMPLE_MILLIS} on a thread of its own while a live step's load runs or the bench waits
 * for the job, what {@link OverloadWatch} decides on: the records waiting (in the topics, not yet counted by the
 * job), whether the heap stays nearly full after collections ({@link HeapWatch}) and the JVM's garbage
 * collection time. Keeps the most records waiting, the step's backpressure.
 */
final class LiveSampler implements AutoCloseable {
    static final long SAMPLE_MILLIS = 250;
    private static final Logger LOG = LoggerFactory.getLogger(LiveSampler.class);
    private static final long MB = 1 << 20;

    private final KafkaLogEnds log;
    private final Jedis redis;
    private final HeapWatch heap;
    private final OverloadWatch watch;
    private final AtomicLong maxWaiting = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Optional<OverloadWatch.Overload> overload = Optional.empty();

    /** Starts sampling, on a connection to the store of its own. */
    LiveSampler(KafkaLogEnds log, ServingStoreAddress store, HeapWatch heap, OverloadWatch watch) {
        this.log = log;
        this.redis = store.connect();
        this.heap = heap;
        this.watch = watch;
        this.thread = new Thread(this::sampleLoop, "live-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Why the job or this JVM cannot keep up, once that is so. */
    Optional<OverloadWatch.Overload> overload() {
        return overload;
    }

    long maxRecordsWaiting() {
        return maxWaiting.get();
    }

    private void sampleLoop() {
        while (running) {
            try {
                long waiting = ProcessedRecords.inTopics(log) - ProcessedRecords.counted(redis);
                maxWaiting.accumulateAndGet(waiting, Math::max);
                long now = System.nanoTime();
                overload = watch.add(new OverloadWatch.Sample(now, waiting, gcMillis(), heapFull(now)));
            } catch (RuntimeException e) {
                // a sample missed (Kafka or the store slow to answer) is no overload; the next one may do. One cut
                // short by close() is no failure at all.
                if (running) {
                    LOG.warn("Live sample failed: {}", e.getMessage());
                }
            }
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Optional<String> heapFull(long now) {
        if (!heap.full(now)) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "every collection for %d s left more than %.0f %% of the %,d MB "
                + "heap in use (%,d MB after the last)", OverloadWatch.HEAP_WINDOW.toSeconds(), heap.limit() * 100,
                heap.maxHeap() / MB, heap.usedAfterGc() / MB));
    }

    private static long gcMillis() {
        long millis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            millis += Math.max(0, collector.getCollectionTime());
        }
        return millis;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
        redis.close();
    }
}
