package io.alluvium.generator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The records of a run made on a thread of their own, a bounded number ahead of the thread that sends
 * them: making an event (skewed draws, JSON) costs about as much CPU as handing it to the Kafka producer,
 * so on one thread the two halve each other's rate. Records come in batches (one hand-over per batch, not
 * per record), in the source's order; at most {@link #BATCHES_AHEAD} batches wait, so memory stays a few
 * MB whatever the run's size. A failure of the source is thrown by {@link #next()} where the sender sees
 * it; {@link #close()} stops the maker when the sender ends early.
 */
final class RecordsAhead implements Iterator<GeneratedRecord>, AutoCloseable {
    static final int BATCH = 2_048;
    static final int BATCHES_AHEAD = 8;

    /** What the maker hands over: records, the source's failure, or the end. */
    private record Batch(List<GeneratedRecord> records, Throwable failure) {
        static final Batch END = new Batch(List.of(), null);
    }

    private final BlockingQueue<Batch> ready = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final Thread maker;
    private Iterator<GeneratedRecord> current = List.<GeneratedRecord>of().iterator();
    private boolean ended;

    RecordsAhead(Iterator<GeneratedRecord> source) {
        maker = new Thread(() -> make(source), "alluvium-generator-maker");
        maker.setDaemon(true);
        maker.start();
    }

    private void make(Iterator<GeneratedRecord> source) {
        try {
            while (source.hasNext()) {
                List<GeneratedRecord> batch = new ArrayList<>(BATCH);
                while (batch.size() < BATCH && source.hasNext()) {
                    batch.add(source.next());
                }
                ready.put(new Batch(batch, null));
            }
            ready.put(Batch.END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed by the sender: nobody waits for more
        } catch (RuntimeException | Error e) {
            try {
                ready.put(new Batch(List.of(), e));
            } catch (InterruptedException closed) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext() && !ended) {
            Batch batch = take();
            if (batch.failure() != null) {
                ended = true;
                if (batch.failure() instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) batch.failure();
            }
            ended = batch == Batch.END;
            current = batch.records().iterator();
        }
        return current.hasNext();
    }

    @Override
    public GeneratedRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }

    private Batch take() {
        try {
            return ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the generator's next records", e);
        }
    }

    @Override
    public void close() {
        maker.interrupt();
    }
}
