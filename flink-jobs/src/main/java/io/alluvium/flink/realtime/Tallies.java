package io.alluvium.flink.realtime;

import io.alluvium.domain.ServingKeys;
import io.alluvium.flink.realtime.serving.ServingWrite;
import io.alluvium.flink.realtime.serving.StoreWrites;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Gathers the {@link Tally} side outputs of the realtime dataflow's operators and turns them into running
 * counts per topic and name ({@code realtime:<topic>:counts}), written as absolute values.
 */
public final class Tallies {
    public static final OutputTag<Tally> TAG = new OutputTag<>("tally") {
        private static final long serialVersionUID = 1L;
    };

    private final List<DataStream<Tally>> outputs = new ArrayList<>();
    private final long batchMillis;

    /** @param batchInterval how long a subtask adds up its tallies before sending them on */
    Tallies(Duration batchInterval) {
        this.batchMillis = batchInterval.toMillis();
    }

    /** An operator's tallies, added up per subtask ({@link TallyBatches}) before they are counted. */
    public void add(DataStream<Tally> output) {
        outputs.add(output.transform("tally batches", TypeInformation.of(Tally.class), new TallyBatches(batchMillis)));
    }

    /** Counts the tallies and writes the counts to the serving store. */
    void countInto(StoreWrites store) {
        DataStream<Tally> all = outputs.get(0);
        for (DataStream<Tally> output : outputs.subList(1, outputs.size())) {
            all = all.union(output);
        }
        store.add(all.keyBy(Tally::key).process(new Count()).name("count").uid("tally"), "counts");
    }

    /** Keyed by topic and name: the running count, as an absolute value. */
    private static final class Count extends KeyedProcessFunction<String, Tally, ServingWrite> {
        private static final long serialVersionUID = 1L;
        private transient ValueState<Long> count;

        @Override
        public void open(OpenContext context) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Long.class));
        }

        @Override
        public void processElement(Tally tally, Context ctx, Collector<ServingWrite> out) throws Exception {
            long next = (count.value() == null ? 0 : count.value()) + tally.count;
            count.update(next);
            out.collect(new ServingWrite(ServingKeys.counts(tally.topic), Map.of(tally.name, Long.toString(next))));
        }
    }
}
