package io.alluvium.architect;

import static io.alluvium.architect.Quantities.duration;
import static io.alluvium.architect.Quantities.number;
import static io.alluvium.architect.Quantities.usd;

import io.alluvium.architect.Knob.Ingestion;
import io.alluvium.architect.Knob.Purchase;
import io.alluvium.architect.Knob.Serving;
import io.alluvium.architect.Knob.TableFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * What fails, how the design recovers, whether that meets the SLA's recovery point and time, and how the
 * design changes at 10x volume and after the stated growth. Exists because the seed's architects design
 * "failure model + evolution", not just the happy path.
 */
public record FailureModel(List<Failure> failures, Evolution evolution) {
    /** A recovery slower than this share of the RTO leaves no margin for diagnosis. */
    static final double CATCH_UP_SHARE_OF_RTO = 1.0;

    /** One failure and its recovery; {@code meetsSla} compares the recovery with sla.rpo and sla.rto. */
    public record Failure(String component, String failure, String recovery, String recoveryPoint, String recoveryTime, boolean meetsSla) {
    }

    /** The design at 10x volume and after growth. */
    public record Evolution(double factor, double costNow, double costAtTenX, List<String> changes, double volumeInOneYear,
                            double volumeInThreeYears, double costInThreeYears) {
    }

    static FailureModel of(Sizing s, Calibration cal) {
        Requirements r = s.requirements();
        Decisions d = s.decisions();
        CapacityPlan c = s.capacity();
        double rpo = r.sla().rpoSeconds();
        double rto = r.sla().rtoSeconds();
        List<Failure> out = new ArrayList<>();
        if (d.is(Knob.INGESTION, Ingestion.S3_DIRECT)) {
            out.add(new Failure("log agents", "a host dies with its unflushed buffer", "agents buffer to disk and retry uploads; a lost disk loses "
                    + "up to one flush interval", "<= " + duration(c.landingIntervalSeconds), "next upload", c.landingIntervalSeconds <= rpo));
        } else {
            out.add(new Failure(d.get(Knob.INGESTION).kafka() ? "Kafka broker / one AZ" : "Kinesis shard", "a broker or an AZ is lost",
                    d.get(Knob.INGESTION).kafka() ? "replication factor 3 across 3 AZs, min.insync.replicas 2, acks=all: leaders move, producers retry"
                            : "Kinesis replicates across 3 AZs; producers retry", "0 (acknowledged writes are replicated)", "seconds (leader election)", true));
            double outage = rto;
            double drain = c.peakEventsPerSecond * CapacityPlan.HEADROOM - c.avgEventsPerSecond;
            double catchUp = outage * c.avgEventsPerSecond / drain;
            out.add(new Failure("Flink jobs", "a job or TaskManager crashes", "restart from the last checkpoint (every " + duration(c.landingIntervalSeconds)
                    + "); Kafka offsets live in the checkpoint and Iceberg commits are two-phase, so Bronze gets each record exactly once; "
                    + "after an outage of " + duration(outage) + " the backlog drains in " + duration(catchUp) + " at " + CapacityPlan.HEADROOM
                    + "x peak capacity", "0 (replay from the log; " + number(r.volume().retention().logDays()) + " d kept)",
                    duration(outage + catchUp), catchUp <= CATCH_UP_SHARE_OF_RTO * rto || outage + catchUp <= rto));
            out.add(new Failure("the log's retention", "a consumer stays down longer than the log keeps data", "alert on consumer lag well before "
                    + number(r.volume().retention().logDays()) + " d; beyond that, Bronze on S3 is the only copy",
                    "data older than " + number(r.volume().retention().logDays()) + " d if not yet landed", "-",
                    r.volume().retention().logDays() * Quantities.SECONDS_PER_DAY > rto));
        }
        out.add(new Failure("Spark batch run", "a run fails or is killed" + (d.is(Knob.PURCHASE, Purchase.SPOT) ? " (Spot reclaimed)" : ""),
                "idempotent writes: a rerun replaces the day's partitions (Iceberg overwrite/MERGE by key), never appends twice; "
                        + "Spark retries lost tasks, the primary node stays On-Demand", "0 (Bronze is the input)",
                "one batch window (" + number(r.velocity().batchWindowHours()) + " h)", r.velocity().batchWindowHours() * 3600 <= rto));
        out.add(new Failure("a bad deploy or bad data", "a job writes wrong results", d.is(Knob.TABLE_FORMAT, TableFormat.HIVE)
                ? "no snapshots: restore from Bronze by recomputing the affected days" : "time travel: roll the table back to the snapshot before "
                + "(rollback_to_snapshot), fix, rerun; snapshots are kept " + number(CapacityPlan.SNAPSHOT_EXPIRY_DAYS) + " d",
                "the last good snapshot", "minutes (metadata-only rollback)", !d.is(Knob.TABLE_FORMAT, TableFormat.HIVE)));
        if (!d.is(Knob.SERVING, Serving.NONE)) {
            out.add(new Failure("serving store", "a node or the store is lost", "Multi-AZ replica promotion; a lost store is rebuilt from Gold and a replay of "
                    + "the log's last hours", "0 (it is a derived view)", "minutes", true));
        }
        out.add(new Failure("the region", "a regional outage", r.sla().availabilityPercent() >= 99.99
                ? "S3 Cross-Region Replication of Bronze and Gold, MirrorMaker 2 for the log, infrastructure as code in a second region"
                : "wait for the region (the SLA of " + Quantities.percentage(r.sla().availabilityPercent()) + " allows it); S3 keeps the data",
                r.sla().availabilityPercent() >= 99.99 ? "minutes (replication lag)" : "0 (S3 is durable)", "hours",
                r.sla().availabilityPercent() < 99.99));
        return new FailureModel(out, evolution(s, cal));
    }

    private static Evolution evolution(Sizing s, Calibration cal) {
        double factor = 10;
        Sizing big = Sizing.of(s.requirements().withVolumeScaled(factor), cal);
        List<String> changes = new ArrayList<>();
        for (Knob<?> k : Knob.values()) {
            Knob.Choice now = s.decisions().all().get(k);
            Knob.Choice then = big.decisions().all().get(k);
            if (now != then) {
                changes.add(k.key() + ": " + now.key() + " -> " + then.key());
            }
        }
        for (String id : List.of("kafka_partitions", "msk_brokers", "kinesis_shards", "flink_kpus", "spark_cores", "emr_nodes", "elasticache_nodes")) {
            Estimate now = find(s.capacity(), id);
            Estimate then = find(big.capacity(), id);
            if (now != null || then != null) {
                changes.add(label(now, then) + ": " + number(now == null ? 0 : now.value()) + " -> " + number(then == null ? 0 : then.value()));
            }
        }
        List<Bottleneck> before = BottleneckDetector.detect(s.requirements(), s.decisions(), s.capacity(), s.cost(), cal,
                PriceTable.forRegion(s.requirements().region()));
        for (Bottleneck b : BottleneckDetector.detect(big.requirements(), big.decisions(), big.capacity(), big.cost(), cal,
                PriceTable.forRegion(s.requirements().region()))) {
            boolean reachedBefore = before.stream().anyMatch(x -> x.title().equals(b.title()) && x.severity() == Bottleneck.Severity.REACHED);
            if (b.severity() == Bottleneck.Severity.REACHED && !reachedBefore) {
                changes.add("new bottleneck: " + b.title() + " (" + b.observed() + "; threshold " + b.threshold() + ")");
            }
        }
        changes.add("monthly cost " + usd(s.cost().total()) + " -> " + usd(big.cost().total()) + " (" + number(big.cost().total() / s.cost().total())
                + "x for 10x the data)");
        double g = s.requirements().growthPerYear();
        double perDay = s.requirements().volume().bytesPerDay();
        Sizing threeYears = Sizing.of(s.requirements().withVolumeScaled(Math.pow(1 + g, 3)), cal);
        return new Evolution(factor, s.cost().total(), big.cost().total(), changes, perDay * (1 + g), perDay * Math.pow(1 + g, 3),
                threeYears.cost().total());
    }

    private static Estimate find(CapacityPlan c, String id) {
        return c.estimates().stream().filter(e -> e.id().equals(id)).findFirst().orElse(null);
    }

    private static String label(Estimate a, Estimate b) {
        return (a != null ? a : b).label();
    }
}
