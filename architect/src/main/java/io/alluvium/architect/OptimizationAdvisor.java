package io.alluvium.architect;

import static io.alluvium.architect.Quantities.number;
import static io.alluvium.architect.Quantities.size;
import static io.alluvium.architect.Quantities.usd;

import io.alluvium.architect.Knob.Cluster;
import io.alluvium.architect.Knob.Codec;
import io.alluvium.architect.Knob.Cpu;
import io.alluvium.architect.Knob.CuratedFormat;
import io.alluvium.architect.Knob.DashboardStore;
import io.alluvium.architect.Knob.Flag;
import io.alluvium.architect.Knob.Purchase;
import io.alluvium.architect.Knob.S3Access;
import io.alluvium.architect.Knob.Warehouse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Proposes optimizations by moving each knob the requirements fixed to the value the architect would
 * choose, re-costing the design with only that change, and reporting the saving and the capacity figures
 * that moved; then the same for all changes together (the target design). Adds the tuning that is not a
 * knob (salting, autoscaling, result reuse, access control) with its own estimate.
 */
final class OptimizationAdvisor {
    /** Capacity figures worth showing when they move. */
    private static final Set<String> SHOWN = Set.of("sql_bytes_per_query", "files_per_sql_query", "files_per_spark_run",
            "snapshots_retained", "nat_gb_per_day", "cross_az_gb_per_day", "silver_files_per_day", "athena_tb_per_month",
            "emr_worker_hours_per_day", "redshift_storage_gb", "msk_storage_gb", "bronze_stored_gb");
    /** A design without an applied practice costing over this multiple of the design is no alternative anyone would build. */
    static final double NAIVE_BOUND = 10;
    /** Share of the day a stream runs well below its peak: what autoscaling can give back. */
    static final double OFF_PEAK_SHARE = 0.5;
    /** Kafka retention worth keeping when Bronze on S3 holds everything older: one day of replay for a consumer outage. */
    static final double SHORT_LOG_DAYS = 1;
    /** Share of dashboard queries Athena result reuse answers from the previous result. */
    static final double RESULT_REUSE_HIT_RATE = 0.5;

    /** What a design that ignores each practice would use; the saving of the practice is measured against it. */
    private static final List<Knob.Setting> NAIVE = List.of(Knob.PURCHASE.at(Purchase.ON_DEMAND), Knob.CPU.at(Cpu.X86),
            Knob.CLUSTER.at(Cluster.ALWAYS_ON), Knob.CURATED_FORMAT.at(CuratedFormat.JSON), Knob.PARTITIONED.at(Flag.FALSE),
            Knob.COMPACTION.at(Flag.FALSE), Knob.LIFECYCLE_TIERS.at(Flag.FALSE), Knob.S3_ACCESS.at(S3Access.NAT_GATEWAY),
            Knob.FETCH_FROM_FOLLOWER.at(Flag.FALSE), Knob.PRODUCER_COMPRESSION.at(Codec.NONE), Knob.BRONZE_COMPRESSION.at(Codec.NONE));

    private OptimizationAdvisor() {
    }

    /** The decisions the architect would make if nothing were fixed. */
    static Decisions recommended(Requirements r, Calibration cal) {
        return ServiceSelector.decide(r.withoutFixedChoices(), cal);
    }

    static List<Optimization> advise(Sizing base, Calibration cal) {
        Requirements r = base.requirements();
        Decisions recommended = recommended(r, cal);
        Map<Knob<?>, Knob.Choice> target = recommended.all();
        Map<Knob<?>, Knob.Choice> all = Knob.map();
        List<Optimization> out = new ArrayList<>();
        for (Knob<?> k : Knob.values()) {
            Knob.Choice now = base.decisions().all().get(k);
            Knob.Choice better = target.get(k);
            if (now == better) {
                continue;
            }
            Map<Knob<?>, Knob.Choice> change = Map.of(k, better);
            all.put(k, better);
            Sizing after = Sizing.of(r.withChoices(change), cal);
            String effect = moved(base.capacity(), after.capacity());
            double more = after.cost().total() - base.cost().total();
            // A move that costs more on its own is still the architect's choice: say why, so the row does not read as a saving.
            String why = more > 0.005 ? usd(more) + " more on its own; chosen because " + recommended.reason(k) + (effect.isEmpty() ? "" : "; ") : "";
            if (more < -0.005 || !effect.isEmpty() || !why.isEmpty()) {
                out.add(new Optimization(Optimization.Kind.CHANGE, k.key() + ": " + now.key() + " -> " + better.key(), change, base.cost().total(), after.cost().total(),
                        why + (effect.isEmpty() ? why.isEmpty() ? "cost only" : "" : effect)));
            }
        }
        r.deployment().ifPresent(x -> {
            Sizing sized = Sizing.of(r.withoutDeployment(), cal);
            String effect = moved(base.capacity(), sized.capacity());
            out.add(new Optimization(Optimization.Kind.CHANGE, "Size the EMR cluster to the work instead of the current deployment", Map.of(),
                    base.cost().total(), sized.cost().total(), "emr worker nodes " + number(base.capacity().emrNodes) + " -> "
                    + number(sized.capacity().emrNodes) + (effect.isEmpty() ? "" : "; " + effect)));
        });
        out.addAll(applied(base, cal));
        out.sort(Comparator.comparingDouble(Optimization::savingsUsd).reversed());
        out.addAll(tuning(base));
        if (all.size() + (r.deployment().isPresent() ? 1 : 0) > 1) {
            Sizing after = Sizing.of(r.withoutDeployment().withChoices(all), cal);
            out.add(new Optimization(Optimization.Kind.ALL, "All of the above together (the target design)", Map.copyOf(all), base.cost().total(), after.cost().total(),
                    moved(base.capacity(), after.capacity())));
        }
        return out;
    }

    /**
     * Practices the design already applies, priced against the cheaper of two designs with the naive value:
     * every other decision held, or the warehouse, engine and store re-chosen for it. The baseline is the best
     * a design without the practice could do, so the saving is not inflated by an absurd alternative; one still
     * over {@link #NAIVE_BOUND} times this design is said to be no real alternative.
     */
    private static List<Optimization> applied(Sizing base, Calibration cal) {
        List<Optimization> out = new ArrayList<>();
        for (Knob.Setting naiveSetting : NAIVE) {
            Knob<?> k = naiveSetting.knob();
            Knob.Choice now = base.decisions().all().get(k);
            if (base.decisions().holds(naiveSetting) || base.decisions().fixedByRequirements(k)) {
                continue;
            }
            Map<Knob<?>, Knob.Choice> held = Knob.map();
            held.putAll(base.decisions().all());
            held.put(k, naiveSetting.value());
            Sizing asIs = Sizing.of(base.requirements().withChoices(held), cal);
            Sizing rechosen = Sizing.of(base.requirements().withChoices(Map.of(k, naiveSetting.value())), cal);
            Sizing naive = asIs.cost().total() <= rechosen.cost().total() ? asIs : rechosen;
            String effect = moved(naive.capacity(), base.capacity());
            if (naive.cost().total() > base.cost().total() + 0.005 || !effect.isEmpty()) {
                String bound = naive.cost().total() > NAIVE_BOUND * base.cost().total()
                        ? "no real alternative: without it the design costs over " + number(NAIVE_BOUND) + "x as much; "
                        : naive.cost().total() < base.cost().total() - 0.005 ? "costs " + usd(base.cost().total() - naive.cost().total())
                        + " more than without it; kept for what it moves: " : "";
                out.add(new Optimization(Optimization.Kind.APPLIED, k.key() + ": " + now.key() + " (applied; vs " + naiveSetting.value().key() + ")",
                        Map.of(), naive.cost().total(), base.cost().total(), bound + (effect.isEmpty() ? "cost only" : effect)));
            }
        }
        return out;
    }

    private static List<Optimization> tuning(Sizing base) {
        Requirements r = base.requirements();
        CapacityPlan c = base.capacity();
        MonthlyCost cost = base.cost();
        double total = cost.total();
        List<Optimization> out = new ArrayList<>();
        double skew = r.volume().hotKeyShare() * c.sparkCores;
        if (skew > Thresholds.SKEW_MAX_TASK_RATIO) {
            double buckets = Math.ceil(skew);
            out.add(new Optimization(Optimization.Kind.TUNING, "Salting the hot key, AQE skew join, broadcast of small dimensions", Map.of(), total, total,
                    "largest task from " + number(skew) + "x to about " + number(skew / buckets) + "x the average with " + number(buckets)
                            + " salt buckets; broadcast joins remove the shuffle for dimensions under spark.sql.autoBroadcastJoinThreshold"));
        }
        double flink = cost.line("flink.kpus");
        if (flink > 0 && r.volume().peakFactor() > 1) {
            double saving = flink * (1 - 1 / r.volume().peakFactor()) * OFF_PEAK_SHARE;
            out.add(new Optimization(Optimization.Kind.TUNING, "Flink autoscaling between average and peak", Map.of(), total, total - saving,
                    "KPUs sized for peak x " + CapacityPlan.HEADROOM + "; off-peak (" + number(OFF_PEAK_SHARE * 100) + "% of the day) needs 1/"
                            + number(r.volume().peakFactor()) + " of them"));
        }
        double brokerStorage = cost.line("msk.storage");
        double logDays = r.volume().retention().logDays();
        if (brokerStorage > 0 && logDays > SHORT_LOG_DAYS && SHORT_LOG_DAYS * Quantities.SECONDS_PER_DAY > r.sla().rtoSeconds()) {
            double kept = SHORT_LOG_DAYS / logDays;
            out.add(new Optimization(Optimization.Kind.TUNING, "Kafka log retention " + number(logDays) + " d -> " + number(SHORT_LOG_DAYS) + " d (Bronze on S3 replays older data)",
                    Map.of(), total, total - brokerStorage * (1 - kept), "MSK storage " + number(c.mskStorageGb) + " GB -> "
                    + number(c.mskStorageGb * kept) + " GB; a consumer down longer than " + number(SHORT_LOG_DAYS) + " d replays from Bronze"));
        }
        if (base.decisions().is(Knob.WAREHOUSE, Warehouse.ATHENA) && base.decisions().is(Knob.DASHBOARDS, DashboardStore.WAREHOUSE)
                && r.usage().dashboardQueriesPerDay() > 0) {
            double dash = Quantities.DAYS_PER_MONTH * r.usage().dashboardQueriesPerDay()
                    * Math.max(CapacityPlan.ATHENA_MIN_BYTES_PER_QUERY, c.dashboardBytesPerQuery) / Quantities.TB;
            double saving = PriceTable.forRegion(r.region()).get("athena_scan").charge(dash) * RESULT_REUSE_HIT_RATE;
            out.add(new Optimization(Optimization.Kind.TUNING, "Athena query result reuse for dashboard tiles (caching)", Map.of(), total, total - saving,
                    number(RESULT_REUSE_HIT_RATE * 100) + "% of " + number(dash) + " TB/month of dashboard scans answered from results"));
        }
        if (r.security().pii()) {
            out.add(new Optimization(Optimization.Kind.TUNING, "Lake Formation tag-based access control and column masking (governance)", Map.of(), total, total,
                    "PII columns readable only by granted roles; Macie scans new prefixes; no cost change in this model"));
        }
        return out;
    }

    /** The shown capacity figures that moved by more than 1%, as "label: a -> b". */
    static String moved(CapacityPlan before, CapacityPlan after) {
        List<String> parts = new ArrayList<>();
        Map<String, Estimate> afterById = new java.util.HashMap<>();
        after.estimates().forEach(e -> afterById.put(e.id(), e));
        for (Estimate b : before.estimates()) {
            Estimate a = afterById.get(b.id());
            double av = a == null ? 0 : a.value();
            if (SHOWN.contains(b.id()) && Math.abs(av - b.value()) > 0.01 * Math.max(Math.abs(b.value()), 1e-9)) {
                parts.add(b.label().toLowerCase(java.util.Locale.ROOT) + " " + show(b.value(), b.unit()) + " -> " + show(av, b.unit()));
            }
        }
        return String.join("; ", parts);
    }

    private static String show(double v, String unit) {
        return unit.equals("bytes") ? size(v) : number(v) + " " + unit;
    }
}
