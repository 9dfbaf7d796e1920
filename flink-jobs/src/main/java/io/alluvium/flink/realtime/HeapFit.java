package io.alluvium.flink.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.flink.run.HeapWatch;
import io.alluvium.flink.run.RestorePoint;
import io.alluvium.runtime.ChildProtocol;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the realtime job's state still fits its heap ({@code realtime.heap-limit} of {@code flink.heap}),
 * and how big it is: the heap in use after garbage collection and the newest checkpoint on disk, logged
 * every {@link #REPORT_EVERY} and put in the run's result. A run whose state outgrows the heap is stopped
 * cleanly by the job (a final savepoint: nothing lost) with one line that names the ways out, instead of
 * dying slowly in full collections; see flink-jobs/REALTIME.md, "State that outgrows the heap".
 */
final class HeapFit implements AutoCloseable {
    /** How long every collection must leave the heap above the limit before the job stops. */
    static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(HeapFit.class);
    private static final long MB = 1 << 20;

    private final AlluviumConfig config;
    private final Path stateDir;
    private final HeapWatch heap;
    private long lastReport = System.nanoTime();

    HeapFit(AlluviumConfig config, Path stateDir) {
        this.config = config;
        this.stateDir = stateDir;
        this.heap = new HeapWatch(config.getDouble(AlluviumSettings.REALTIME_HEAP_LIMIT), WINDOW);
    }

    /** True once the state no longer fits; logs the state's size now and then. */
    boolean outgrown() {
        if (System.nanoTime() - lastReport > REPORT_EVERY.toNanos()) {
            lastReport = System.nanoTime();
            LOG.info("realtime state: {} MB in the newest checkpoint; heap after GC {} of {} MB", stateBytes() / MB,
                    heap.usedAfterGc() / MB, heap.maxHeap() / MB);
        }
        return heap.full();
    }

    /** The one line a run that outgrew its heap ends with, after its final savepoint {@code savepoint}. */
    ChildProtocol.BadInputException outgrownError(String savepoint) {
        return new ChildProtocol.BadInputException(String.format(
                "the realtime job's state outgrew its heap: every garbage collection for %d s left %d of %d MB in "
                        + "use (more than %s=%s; the newest checkpoint holds %d MB of state). It stopped cleanly "
                        + "with a savepoint (%s), nothing lost: the next run resumes there. Ways out: %s=rocksdb "
                        + "(state on disk), a shorter %s (now %s) or %s (now %s), or more %s (now %s)",
                WINDOW.toSeconds(), heap.usedAfterGc() / MB, heap.maxHeap() / MB, AlluviumSettings.REALTIME_HEAP_LIMIT,
                heap.limit(), stateBytes() / MB, savepoint, AlluviumSettings.REALTIME_STATE_BACKEND,
                AlluviumSettings.REALTIME_DEDUP_RETENTION, shown(AlluviumSettings.REALTIME_DEDUP_RETENTION),
                AlluviumSettings.REALTIME_ALLOWED_LATENESS, shown(AlluviumSettings.REALTIME_ALLOWED_LATENESS),
                AlluviumSettings.FLINK_HEAP, shown(AlluviumSettings.FLINK_HEAP)));
    }

    /** The state's size as the run leaves it, for its result line. */
    void putInto(ObjectNode result) {
        result.put("state_bytes", stateBytes())
                .put("heap_after_gc_bytes", heap.usedAfterGc())
                .put("heap_max_bytes", heap.maxHeap());
    }

    /** A setting's value as the user writes it. */
    private String shown(String key) {
        return config.describe().get(key);
    }

    /**
     * The newest checkpoint's size; read while Flink writes the next checkpoint and deletes the one before, so a
     * file may vanish under the listing: then it is read again.
     */
    private long stateBytes() {
        for (int attempt = 1; ; attempt++) {
            try {
                return RestorePoint.latest(stateDir).map(RestorePoint::bytes).orElse(0L);
            } catch (UncheckedIOException e) {
                if (attempt == 3) {
                    LOG.warn("cannot measure the realtime state in {}: {}", stateDir, e.getMessage());
                    return -1;
                }
            }
        }
    }

    @Override
    public void close() {
        heap.close();
    }
}
