package io.alluvium.architect;

import static io.alluvium.architect.Quantities.number;

import io.alluvium.architect.Bottleneck.Kind;
import io.alluvium.architect.Bottleneck.Stake;
import io.alluvium.architect.Knob.Serving;
import java.util.ArrayList;
import java.util.List;

/**
 * The busiest key against every per-key limit on its path: a Spark task, a Kafka partition, a Kinesis
 * shard, a Flink slot, a DynamoDB partition. Exists because one key's share of the traffic, not the total,
 * saturates a keyed resource, and a stream passes through several of them; each is assessed whenever the
 * design has it, and reported when reached or near.
 */
final class KeySkew {
    private KeySkew() {
    }

    static List<Bottleneck> assess(Requirements r, Decisions d, CapacityPlan c, MonthlyCost cost, Calibration cal) {
        List<Bottleneck> out = new ArrayList<>();
        double share = r.volume().hotKeyShare();
        String hot = "hot key " + number(share * 100) + "%";
        double taskRatio = share * c.sparkCores;
        Thresholds.above(taskRatio, Thresholds.SKEW_MAX_TASK_RATIO).ifPresent(s -> out.add(new Bottleneck(Kind.SKEWED_KEYS, s,
                "Skewed keys in Spark", hot + " of rows x " + number(c.sparkCores) + " cores = its task is " + number(taskRatio) + "x the average",
                "> " + number(Thresholds.SKEW_MAX_TASK_RATIO) + "x the average task", "one straggler task sets the run's duration and may spill",
                "AQE skew join, salting the hot key, broadcast small dimensions", Stake.lines(cost, BottleneckDetector.SPARK_LINES))));
        double hotMb = c.peakMbPerSecond * share;
        double hotEvents = c.peakEventsPerSecond * share;
        if (d.get(Knob.INGESTION).kafka()) {
            double partitionMb = cal.kafkaPartitionMbPerSecond().value();
            Thresholds.above(hotMb, partitionMb).ifPresent(s -> out.add(new Bottleneck(Kind.HOT_PARTITION, s, "Hot Kafka partition",
                    hot + " x " + number(c.peakMbPerSecond) + " MB/s peak = " + number(hotMb) + " MB/s on one partition",
                    "> " + number(partitionMb) + " MB/s per partition", "one partition lags while the others idle; consumer lag grows at peak",
                    "key by a finer key or salt the hot key (key#n), aggregate per partition then merge", Stake.lines(cost, List.of("msk.brokers")))));
        }
        if (d.get(Knob.INGESTION).kinesis()) {
            double load = Math.max(hotMb / CapacityPlan.KINESIS_SHARD_MB_PER_S, hotEvents / CapacityPlan.KINESIS_SHARD_RECORDS_PER_S);
            Thresholds.above(load, 1).ifPresent(s -> out.add(new Bottleneck(Kind.HOT_PARTITION, s, "Hot Kinesis shard",
                    hot + " at peak = " + number(hotMb) + " MB/s and " + number(hotEvents) + " records/s on one shard",
                    "> " + number(CapacityPlan.KINESIS_SHARD_MB_PER_S) + " MB/s or " + number(CapacityPlan.KINESIS_SHARD_RECORDS_PER_S)
                            + " records/s per shard", "writes to the hot shard are throttled (ProvisionedThroughputExceeded) while other shards idle",
                    "a finer or salted partition key; more shards do not help one key", Stake.lines(cost, List.of("kinesis.shards", "kinesis.data_in")))));
        }
        if (r.streaming()) {
            double slotRows = cal.flinkRowsPerSecondPerSlot().value();
            Thresholds.above(hotEvents, slotRows).ifPresent(s -> out.add(new Bottleneck(Kind.SKEWED_KEYS, s, "Hot key in Flink",
                    hot + " x " + number(c.peakEventsPerSecond) + " events/s peak = " + number(hotEvents) + " events/s into one keyed slot",
                    "> " + number(slotRows) + " rows/s per slot (a key's state lives in one slot)",
                    "that slot backpressures the whole job: latency grows at peak, checkpoints slow down",
                    "two-phase aggregation (local then global; salted key then key) before the keyed window", Stake.lines(cost, List.of("flink.kpus")))));
        }
        if (d.is(Knob.SERVING, Serving.DYNAMODB)) {
            double hotWrites = c.servingWritesPerSecond * r.volume().peakFactor() * share;
            Thresholds.above(hotWrites, Thresholds.DYNAMO_PARTITION_WRITES_PER_S).ifPresent(s -> out.add(new Bottleneck(Kind.BACKPRESSURE, s,
                    "Serving writes throttled", number(hotWrites) + " writes/s on the hot key at peak",
                    "> " + number(Thresholds.DYNAMO_PARTITION_WRITES_PER_S) + " writes/s per DynamoDB partition",
                    "throttled writes backpressure the Flink sink; lag grows", "pre-aggregate per window before writing, shard the hot key",
                    Stake.lines(cost, List.of("dynamodb.writes")))));
        }
        return out;
    }
}
