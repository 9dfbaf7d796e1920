package io.alluvium.flink.realtime.source;

import io.alluvium.flink.realtime.Tallies;
import io.alluvium.flink.realtime.Tally;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Right after a topic's source, in the subtask that reads the records: a rejected record's reason code is
 * tallied; a valid event passes, marked {@code behind} when its event time is more than the watermark delay
 * below the highest one of its Kafka partition so far. Every record of a partition is read by one source
 * subtask, in the partition's order, so this needs no shuffle by partition (an earlier version keyed by
 * partition paid a network hop per record for it): the highest event time per partition is operator state,
 * checkpointed as a union list, so that after a restore, whichever subtask reads a partition then knows its
 * highest; as the highest only grows, entries a subtask kept for partitions it no longer reads are merged by
 * maximum and do no harm.
 */
final class PartitionOrder<T extends TimedEvent> extends ProcessFunction<Checked<T>, Checked<T>>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final ListStateDescriptor<Tuple2<Integer, Long>> HIGHEST = new ListStateDescriptor<>(
            "highest-event-ts-per-partition", Types.TUPLE(Types.INT, Types.LONG));

    private final String topic;
    private final long delayMillis;
    private transient Map<Integer, Long> highest;
    private transient ListState<Tuple2<Integer, Long>> saved;

    PartitionOrder(String topic, long delayMillis) {
        this.topic = topic;
        this.delayMillis = delayMillis;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        saved = context.getOperatorStateStore().getUnionListState(HIGHEST);
        highest = new HashMap<>();
        for (Tuple2<Integer, Long> partition : saved.get()) {
            highest.merge(partition.f0, partition.f1, Math::max);
        }
    }

    @Override
    public void processElement(Checked<T> checked, Context ctx, Collector<Checked<T>> out) {
        if (checked.event == null) {
            ctx.output(Tallies.TAG, new Tally(topic, Tally.REJECTED + checked.reason));
            return;
        }
        long ts = checked.event.eventTs();
        Long before = highest.get(checked.partition);
        checked.behind = before != null && ts < before - delayMillis;
        if (before == null || ts > before) {
            highest.put(checked.partition, ts);
        }
        out.collect(checked);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        saved.update(highest.entrySet().stream().map(e -> Tuple2.of(e.getKey(), e.getValue())).toList());
    }
}
