package io.alluvium.flink.realtime.serving;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Where the realtime dataflow's writes go: each stream of writes into a sink of its own, chained to the
 * operator that makes them, so that a write is handed on in memory. (One sink for the union of all the
 * streams cost a network hop per write, each a map of fields serialized and read back: the job's largest
 * single cost.) Every sink flushes before its checkpoint barrier passes, so a completed checkpoint still
 * covers exactly what is in the store.
 */
public final class StoreWrites {
    private final Sink<ServingWrite> sink;

    /** @param sink the serving store's, or a bench's discarding sink */
    public StoreWrites(Sink<ServingWrite> sink) {
        this.sink = sink;
    }

    /** @param name what the writes are of; names the sink and its operator uid */
    public void add(DataStream<ServingWrite> writes, String name) {
        writes.sinkTo(sink).name(name + " to serving store").uid(name + "-store");
    }
}
