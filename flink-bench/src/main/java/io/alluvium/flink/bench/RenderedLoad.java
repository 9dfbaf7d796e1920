package io.alluvium.flink.bench;

import io.alluvium.generator.GeneratedRecord;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.BooleanSupplier;

/**
 * A live step's records, rendered before the step is timed (as Kafka's ProducerPerformance renders its
 * payloads), then handed to the publisher one by one until they run out or the step is cut short. Each record
 * is let go once handed over, so that the heap holds only those still to send and its fill tells what the job
 * holds, not what the bench has rendered.
 */
final class RenderedLoad {
    private final GeneratedRecord[] records;
    private int next;

    RenderedLoad(Iterator<GeneratedRecord> render, int count) {
        this.records = new GeneratedRecord[count];
        for (int i = 0; i < count && render.hasNext(); i++) {
            records[i] = render.next();
        }
    }

    private boolean left() {
        return next < records.length && records[next] != null;
    }

    /** The records not handed out yet, until {@code cutShort} says the step ends. */
    Iterator<GeneratedRecord> handOut(BooleanSupplier cutShort) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return left() && !cutShort.getAsBoolean();
            }

            /** The record after a {@code hasNext()} that said yes, even if the step was cut short since. */
            @Override
            public GeneratedRecord next() {
                if (!left()) {
                    throw new NoSuchElementException();
                }
                GeneratedRecord record = records[next];
                records[next++] = null;
                return record;
            }
        };
    }
}
