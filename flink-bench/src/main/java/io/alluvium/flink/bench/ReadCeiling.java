package io.alluvium.flink.bench;

import io.alluvium.runtime.ChildProtocol;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Contender (a) of the landing bench, the read ceiling: one plain KafkaConsumer drains the range and
 * does nothing else but count records and bytes (key and value as stored). No landing can read faster
 * on this machine; the byte count is the bench's data volume for every contender's MB/s.
 */
final class ReadCeiling implements RangeReader.RecordSink {

    /** The round's figures and the bytes of the records read. */
    record Result(ContenderRun figures, long bytes) {
    }

    private long bytes;
    private long firstRecordNanos;

    private ReadCeiling() {
    }

    static Result run(String bootstrapServers, LogRange range, ChildProtocol out, String stage) throws Exception {
        ReadCeiling ceiling = new ReadCeiling();
        long started = System.nanoTime();
        long rows = RangeReader.drain(bootstrapServers, "alluvium-bench-read-ceiling", range, ceiling, out, stage);
        long ended = System.nanoTime();
        long first = ceiling.firstRecordNanos == 0 ? started : ceiling.firstRecordNanos;
        double seconds = (ended - first) / 1e9;
        return new Result(new ContenderRun(rows, 1, seconds, seconds, (ended - started) / 1e9, List.of()),
                ceiling.bytes);
    }

    @Override
    public void accept(ConsumerRecord<byte[], byte[]> record) {
        if (firstRecordNanos == 0) {
            firstRecordNanos = System.nanoTime();
        }
        bytes += Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize());
    }
}
