package io.alluvium.flink.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The heap counts as full only when every collection over the whole window, and at least three of them, left
 * it above the limit; one collection below starts the count again. And the watch hears this JVM's real
 * collections.
 */
class HeapWatchTest {
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void fullOnlyAfterEveryCollectionOfTheWindowStayedAbove() {
        try (HeapWatch watch = new HeapWatch(0.5, Duration.ofSeconds(10))) {
            long above = (long) (0.6 * watch.maxHeap());
            long below = (long) (0.4 * watch.maxHeap());

            watch.record(above, 0);
            watch.record(above, 5 * SECOND);
            assertThat(watch.full(11 * SECOND)).as("two collections are too few").isFalse();
            watch.record(above, 8 * SECOND);
            assertThat(watch.full(9 * SECOND)).as("not yet the whole window").isFalse();
            assertThat(watch.full(10 * SECOND)).isTrue();

            watch.record(below, 11 * SECOND);
            assertThat(watch.full(12 * SECOND)).as("a collection that freed enough").isFalse();
            watch.record(above, 12 * SECOND);
            watch.record(above, 13 * SECOND);
            watch.record(above, 14 * SECOND);
            assertThat(watch.full(21 * SECOND)).as("the window starts again at the first above").isFalse();
            assertThat(watch.full(22 * SECOND)).isTrue();
            assertThat(watch.usedAfterGc()).isEqualTo(above);
        }
    }

    @Test
    void hearsThisJvmsCollections() throws Exception {
        try (HeapWatch watch = new HeapWatch(0.0001, Duration.ZERO)) {
            assertThat(watch.usedAfterGc()).isEqualTo(-1);
            for (int i = 0; i < HeapWatch.MIN_COLLECTIONS; i++) {
                System.gc();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!watch.full() && System.nanoTime() < deadline) {
                Thread.sleep(50); // notifications arrive on a JMX thread
            }
            assertThat(watch.full()).as("every collection left more than 0.01 % of the heap").isTrue();
            assertThat(watch.usedAfterGc()).isPositive().isLessThanOrEqualTo(watch.maxHeap());
        }
    }
}
