package io.alluvium.flink.realtime.source;

import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Passes a source's records and watermarks through, and makes its watermark survive a restore. Flink keeps
 * no watermark in a checkpoint: a restored job starts at none, so until every partition has been read
 * again, an event for a window already dropped before the stop would open that window afresh and its
 * one-event aggregate would overwrite the right values in the serving store — what is too late would
 * depend on when the job was restarted. Each subtask checkpoints the last watermark it forwarded (and
 * whether it was idle); after a restore it first emits what the windows downstream had then (the lowest
 * of the active subtasks' watermarks, or the highest if all were idle, as Flink combines them) and
 * forwards only watermarks above it. Placed right after the source, so every operator downstream sees it.
 */
final class ResumedWatermark<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {
    private static final long serialVersionUID = 1L;
    private static final ListStateDescriptor<Tuple2<Long, Boolean>> LAST = new ListStateDescriptor<>(
            "last-watermark-and-idle", Types.TUPLE(Types.LONG, Types.BOOLEAN));

    private transient ListState<Tuple2<Long, Boolean>> saved;
    private transient long last;
    private transient boolean idle;
    private transient boolean floorPending;

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        saved = context.getOperatorStateStore().getUnionListState(LAST);
        last = context.isRestored() ? combined(saved.get()) : Long.MIN_VALUE;
        floorPending = last > Long.MIN_VALUE;
    }

    /** The watermark the subtasks' last ones made downstream: the lowest active one, else the highest. */
    private static long combined(Iterable<Tuple2<Long, Boolean>> subtasks) {
        long lowestActive = Long.MAX_VALUE;
        long highestIdle = Long.MIN_VALUE;
        for (Tuple2<Long, Boolean> subtask : subtasks) {
            if (subtask.f1) {
                highestIdle = Math.max(highestIdle, subtask.f0);
            } else {
                lowestActive = Math.min(lowestActive, subtask.f0);
            }
        }
        return lowestActive < Long.MAX_VALUE ? lowestActive : highestIdle;
    }

    @Override
    public void processElement(StreamRecord<T> element) throws Exception {
        emitFloor();
        output.collect(element);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        emitFloor();
        if (mark.getTimestamp() > last) {
            last = mark.getTimestamp();
            super.processWatermark(mark);
        }
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        emitFloor();
        idle = status.isIdle();
        super.processWatermarkStatus(status);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        saved.update(List.of(Tuple2.of(last, idle)));
    }

    private void emitFloor() {
        if (floorPending) {
            floorPending = false;
            output.emitWatermark(new Watermark(last));
        }
    }
}
