package io.alluvium.flink.realtime;

import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * An operator that holds what its records make and sends it on at most {@code realtime.flush-interval}
 * after the first record since the last send, before every checkpoint barrier and at the end of the
 * input. What it holds is a function of its state or of records not yet covered by a checkpoint, so it
 * needs no state of its own: a completed checkpoint covers exactly what was sent before it. Used where
 * only the newest or the sum of many records' results matters, so that one result per key and interval
 * goes on instead of one per record.
 */
public abstract class HeldOutput<I, O> extends AbstractStreamOperator<O>
        implements OneInputStreamOperator<I, O>, ProcessingTimeCallback {
    private static final long serialVersionUID = 1L;

    private final long intervalMillis;
    private transient boolean sendScheduled;

    public HeldOutput(long intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    /** Takes one record into what is held. */
    protected abstract void hold(I value) throws Exception;

    /** Sends everything held with {@link #send}, and forgets it. */
    protected abstract void sendHeld();

    protected final void send(O value) {
        output.collect(new StreamRecord<>(value));
    }

    @Override
    public final void processElement(StreamRecord<I> record) throws Exception {
        hold(record.getValue());
        if (!sendScheduled) {
            sendScheduled = true;
            getProcessingTimeService().registerTimer(
                    getProcessingTimeService().getCurrentProcessingTime() + intervalMillis, this);
        }
    }

    @Override
    public final void onProcessingTime(long time) {
        sendScheduled = false;
        sendHeld();
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        sendHeld();
    }

    @Override
    public void finish() throws Exception {
        sendHeld();
        super.finish();
    }
}
