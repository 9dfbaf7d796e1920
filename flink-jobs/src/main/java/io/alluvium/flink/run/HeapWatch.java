package io.alluvium.flink.run;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Watches what this JVM's heap holds after each garbage collection, the live data plus what the collector
 * has not reached yet: the measure of a job's state on the heap. A job whose state outgrows its heap
 * otherwise ends in a spiral of full collections that reclaim nothing, for minutes, before it fails;
 * this says so first, while the job can still stop cleanly. The heap counts as full when every collection
 * over at least {@code window} (and at least {@link #MIN_COLLECTIONS} of them) left more than {@code limit}
 * of the maximum heap in use: one collection that leaves more (a young one, before the old generation's
 * garbage is reclaimed) is not enough.
 */
public final class HeapWatch implements AutoCloseable {
    static final int MIN_COLLECTIONS = 3;

    private final double limit;
    private final long windowNanos;
    private final long maxHeap;
    private final Set<String> heapPools;
    private final List<NotificationEmitter> watched = new ArrayList<>();
    private final NotificationListener listener = this::collected;

    private long lastUsedAfterGc = -1;
    private long aboveSince = -1;
    private int aboveCount;

    /**
     * @param limit  the share of the maximum heap that may stay in use after collections (0 to 1)
     * @param window how long every collection must have stayed above it
     */
    public HeapWatch(double limit, Duration window) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.maxHeap = Runtime.getRuntime().maxMemory();
        this.heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                watched.add(emitter);
            }
        }
    }

    private void collected(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long used = 0;
        for (var pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        record(used, System.nanoTime());
    }

    /** Takes what one collection left in use at {@code nanoTime}. */
    synchronized void record(long usedAfterGc, long nanoTime) {
        lastUsedAfterGc = usedAfterGc;
        if (usedAfterGc <= limit * maxHeap) {
            aboveSince = -1;
            aboveCount = 0;
            return;
        }
        if (aboveSince < 0) {
            aboveSince = nanoTime;
        }
        aboveCount++;
    }

    /** Whether the heap has stayed above the limit after every collection for the window. */
    public synchronized boolean full(long nanoTime) {
        return aboveSince >= 0 && aboveCount >= MIN_COLLECTIONS && nanoTime - aboveSince >= windowNanos;
    }

    public boolean full() {
        return full(System.nanoTime());
    }

    /** The heap in use after the last collection, or -1 before the first. */
    public synchronized long usedAfterGc() {
        return lastUsedAfterGc;
    }

    public long maxHeap() {
        return maxHeap;
    }

    public double limit() {
        return limit;
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : watched) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // not registered: nothing to remove
            }
        }
    }
}
