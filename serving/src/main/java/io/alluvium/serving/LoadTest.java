package io.alluvium.serving;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded load test of a reader of the serving store: lookups taken in turn from a list of keys, made by
 * {@code clients} threads at once, each as fast as the answers come (a closed loop: every client waits for its
 * answer before the next lookup), until a number of lookups is made or a time is up. Measures the lookups per
 * second over the whole run, the latency of every lookup and the lookups that failed (an error, or no data for
 * a key that should have some).
 */
public final class LoadTest {
    /** How a client makes one lookup: true when it found the data, false or an exception when not. */
    @FunctionalInterface
    public interface Reader {
        boolean lookup(ServingLookup lookup) throws Exception;
    }

    private LoadTest() {
    }

    /** When a load test ends: after so many lookups, or once a lookup would start this long after the first. */
    private record Limit(long lookups, long nanos) {
        boolean allows(long lookup, long elapsedNanos) {
            return lookup < lookups && elapsedNanos < nanos;
        }
    }

    /** {@code total} lookups. */
    public static LoadResult run(List<ServingLookup> lookups, long total, int clients, Reader reader) {
        if (total < 1) {
            throw new IllegalArgumentException("a load test needs lookups >= 1, got " + total);
        }
        return run(lookups, new Limit(total, Long.MAX_VALUE), clients, reader);
    }

    /** As many lookups as start within {@code duration}; each started one is answered and counted. */
    public static LoadResult runFor(List<ServingLookup> lookups, Duration duration, int clients, Reader reader) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a load test needs a time > 0, got " + duration);
        }
        return run(lookups, new Limit(Long.MAX_VALUE, duration.toNanos()), clients, reader);
    }

    private static LoadResult run(List<ServingLookup> lookups, Limit limit, int clients, Reader reader) {
        if (lookups.isEmpty() || clients < 1) {
            throw new IllegalArgumentException("a load test needs keys and clients >= 1 (got " + lookups.size()
                    + " keys, " + clients + " clients)");
        }
        AtomicLong next = new AtomicLong();
        AtomicLong startNanos = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        CountDownLatch go = new CountDownLatch(1);
        List<LatencyHistogram> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            LatencyHistogram histogram = new LatencyHistogram();
            histograms.add(histogram);
            threads.add(new Thread(() -> {
                awaitQuietly(go);
                for (long i = next.getAndIncrement(); limit.allows(i, System.nanoTime() - startNanos.get());
                        i = next.getAndIncrement()) {
                    ServingLookup lookup = lookups.get((int) (i % lookups.size()));
                    long start = System.nanoTime();
                    boolean found;
                    try {
                        found = reader.lookup(lookup);
                    } catch (Exception e) {
                        found = false;
                    }
                    histogram.record(System.nanoTime() - start);
                    if (!found) {
                        errors.incrementAndGet();
                    }
                }
            }, "load-client-" + c));
        }
        threads.forEach(Thread::start);
        long start = System.nanoTime();
        startNanos.set(start);
        go.countDown();
        for (Thread thread : threads) {
            joinQuietly(thread);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        LatencyHistogram all = new LatencyHistogram();
        histograms.forEach(all::add);
        return new LoadResult(all.count(), errors.get(), clients, took, all.percentile(0.50), all.percentile(0.95),
                all.percentile(0.99));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the load test's clients", e);
        }
    }
}
