package io.alluvium.architect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.alluvium.architect.Knob.BatchCompute;
import io.alluvium.architect.Knob.Ingestion;
import io.alluvium.architect.Knob.Pipeline;
import io.alluvium.architect.Knob.Serving;
import io.alluvium.architect.Knob.Warehouse;
import io.alluvium.architect.Requirements.DataKind;
import io.alluvium.architect.Requirements.Encryption;
import io.alluvium.architect.Requirements.Mode;
import io.alluvium.architect.Requirements.QueryPattern;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a requirements file into {@link Requirements}: the one place that knows the file's keys, units,
 * plausible ranges, contradictions and the default (with its reason) for every key left out.
 */
public final class RequirementsReader {
    /** Below this latency a batch-only design cannot deliver: it is a contradiction, not a wish. */
    static final double BATCH_MIN_LATENCY_S = 5 * 60;
    /** Two volume statements (per_day and events_per_s) may differ by this much before they contradict. */
    static final double VOLUME_TOLERANCE = 0.10;
    /** A peak is at least the average; beyond 50x the average the "average" describes an idle system. */
    static final double MIN_PEAK_FACTOR = 1;
    static final double MAX_PEAK_FACTOR = 50;
    /** Compressed over raw bytes below this is not a codec but a mistake (or pre-aggregated data). */
    static final double MIN_COMPRESSION_RATIO = 0.01;
    /** Landing commits (micro-batches or agent flushes) between these are plausible. */
    static final double MIN_LANDING_INTERVAL_S = 1;
    static final double MAX_LANDING_INTERVAL_S = 3600;
    /** Model inference assumed when a decision path states none (planning figure). */
    static final double DEFAULT_INFERENCE_S = 0.020;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final List<Assumption> assumptions = new ArrayList<>();

    private RequirementsReader() {
    }

    public static Requirements read(String source, String text) {
        return new RequirementsReader().parse(SourceLines.parse(YAML, source, text));
    }

    private Requirements parse(SourceLines doc) {
        YamlSection root = YamlSection.root(doc);
        String name = root.text("name").orElse(doc.source());
        String description = root.text("description").orElse("");
        String region = or(root, "region", root.text("region"), "us-east-1", "the default price table", s -> s);
        if (!PriceTable.available(region)) {
            throw root.error("region", "no price table for " + region + " (available: " + PriceTable.AVAILABLE
                    + "; add prices-" + region + ".yaml under src/main/resources/io/alluvium/architect)");
        }
        Requirements.Volume volume = volume(root);
        Requirements.Velocity velocity = velocity(root);
        Set<DataKind> variety = EnumSet.copyOf(root.enumList("variety", DataKind.class)
                .filter(l -> !l.isEmpty())
                .orElseGet(() -> assume("variety", List.of(DataKind.STRUCTURED, DataKind.SEMI_STRUCTURED),
                        "[structured, semi_structured]", "most platforms start from tables and JSON events")));
        Requirements.Usage usage = usage(root);
        Optional<Requirements.DecisionPath> decision = decisionPath(root, velocity, usage);
        Requirements.Sla sla = sla(root, velocity);
        Requirements.Security security = security(root, region);
        OptionalDouble budget = budget(root);
        double growth = root.section("growth").map(g -> {
            double v = g.percent("per_year").map(p -> g.inRange("per_year", p, 0, 1000) / 100)
                    .orElseGet(() -> assume("growth.per_year", 0.3, "30%", "typical yearly data growth; state yours"));
            g.finish();
            return v;
        }).orElseGet(() -> assume("growth.per_year", 0.3, "30%", "typical yearly data growth; state yours"));
        Map<Knob<?>, Knob.Choice> choices = choices(root);
        Optional<YamlSection> current = root.section("current_state");
        List<Symptom> symptoms = current.flatMap(c -> {
            c.text("description");
            return c.enumList("symptoms", Symptom.class);
        }).orElse(List.of());
        Optional<Requirements.Deployment> deployment = current.flatMap(c -> c.section("emr").map(e -> {
            if (choices.get(Knob.BATCH_COMPUTE) != BatchCompute.EMR) {
                throw c.error("emr", "describes an EMR cluster: set choices.batch_compute: emr with it");
            }
            OptionalDouble nodes = e.wholeNumber("nodes", 1, 10_000).map(OptionalDouble::of).orElse(OptionalDouble.empty());
            OptionalDouble busy = e.seconds("busy_per_day").map(h -> e.inRange("busy_per_day", h, 60, Quantities.SECONDS_PER_DAY) / 3600)
                    .map(OptionalDouble::of).orElse(OptionalDouble.empty());
            e.finish();
            return new Requirements.Deployment(nodes, busy);
        }));
        current.ifPresent(YamlSection::finish);
        root.finish();
        checkContradictions(root, velocity, usage, choices);
        return new Requirements(name, description, region, volume, velocity, variety, usage, sla, security,
                budget, growth, choices, symptoms, deployment, decision, List.copyOf(assumptions));
    }

    /**
     * The decision path of a streaming design whose users read ML features: stated under {@code decision:}, or assumed.
     * A batch design makes no per-event decision, so stating one for it is a contradiction.
     */
    private Optional<Requirements.DecisionPath> decisionPath(YamlSection root, Requirements.Velocity velocity, Requirements.Usage usage) {
        Optional<YamlSection> s = root.section("decision");
        boolean batch = velocity.mode() == Mode.BATCH;
        if (s.isPresent() && batch) {
            throw root.error("decision", "a per-event decision contradicts velocity.mode batch");
        }
        if (s.isEmpty() && (batch || !usage.patterns().contains(QueryPattern.ML_FEATURES))) {
            return Optional.empty();
        }
        double inference = s.flatMap(d -> d.seconds("inference").map(i -> d.inRange("inference", i, 0.0001, 10)))
                .orElseGet(() -> assume("decision.inference", DEFAULT_INFERENCE_S, Quantities.duration(DEFAULT_INFERENCE_S),
                        "a gradient-boosted model on a real-time endpoint, p99 (planning figure); measure yours"));
        int lookups = (int) Math.round(s.flatMap(d -> d.wholeNumber("feature_lookups", 0, 100))
                .orElseGet(() -> assume("decision.feature_lookups", 2.0, "2", "one read of streaming features, one of batch features")));
        s.ifPresent(YamlSection::finish);
        return Optional.of(new Requirements.DecisionPath(inference, lookups));
    }

    private Requirements.Volume volume(YamlSection root) {
        YamlSection v = root.sectionOrEmpty("volume");
        double eventBytes = or(v, "event_size", v.bytes("event_size").map(b -> v.inRange("event_size", b, 10, 10 * Quantities.MB)),
                1000.0, "a typical JSON event", Quantities::size);
        Optional<Double> perDay = v.bytes("per_day").map(b -> v.inRange("per_day", b, Quantities.MB, 1e17));
        Optional<Double> eventsPerSecond = v.number("events_per_s", 0.001, 1e9);
        double bytesPerDay;
        if (perDay.isPresent()) {
            bytesPerDay = perDay.get();
            eventsPerSecond.ifPresent(eps -> {
                double stated = eps * eventBytes * Quantities.SECONDS_PER_DAY;
                if (Math.abs(stated - bytesPerDay) > VOLUME_TOLERANCE * bytesPerDay) {
                    throw v.error("events_per_s", Quantities.number(eps) + " events/s x " + Quantities.size(eventBytes)
                            + " = " + Quantities.size(stated) + "/day contradicts volume.per_day " + Quantities.size(bytesPerDay));
                }
            });
        } else if (eventsPerSecond.isPresent()) {
            bytesPerDay = eventsPerSecond.get() * eventBytes * Quantities.SECONDS_PER_DAY;
        } else {
            bytesPerDay = assume("volume.per_day", 100 * Quantities.GB, "100 GB", "no volume stated: a mid-size platform");
        }
        double peak = peakFactor(v, bytesPerDay / eventBytes / Quantities.SECONDS_PER_DAY);
        double hot = or(v, "hot_key_share", v.number("hot_key_share", 0, 1), 0.01,
                "the busiest key carries 1% of events (Zipf-skewed keys are normal)", Quantities::number);
        int sources = (int) Math.round(or(v, "sources", v.number("sources", 1, 1e7), 100.0,
                "producing hosts or applications", Quantities::number));
        Requirements.Retention retention = retention(v);
        Requirements.Compression compression = compression(v);
        v.finish();
        return new Requirements.Volume(bytesPerDay, eventBytes, peak, hot, sources, retention, compression);
    }

    /** The peak over the average: stated as a factor, or derived from a stated peak rate (both must agree). */
    private double peakFactor(YamlSection v, double avgEventsPerSecond) {
        Optional<Double> factor = v.number("peak_factor", MIN_PEAK_FACTOR, MAX_PEAK_FACTOR);
        Optional<Double> peakRate = v.number("peak_events_per_s", 0.001, 1e10);
        if (peakRate.isEmpty()) {
            return or(v, "peak_factor", factor, 3.0, "daily peak over average for user traffic", Quantities::number);
        }
        double derived = peakRate.get() / avgEventsPerSecond;
        if (derived < MIN_PEAK_FACTOR || derived > MAX_PEAK_FACTOR) {
            throw v.error("peak_events_per_s", Quantities.number(peakRate.get()) + " events/s is " + Quantities.number(derived)
                    + "x the average " + Quantities.number(avgEventsPerSecond) + " events/s; a peak must be "
                    + Quantities.number(MIN_PEAK_FACTOR) + " .. " + Quantities.number(MAX_PEAK_FACTOR) + "x the average");
        }
        factor.ifPresent(f -> {
            if (Math.abs(f - derived) > VOLUME_TOLERANCE * derived) {
                throw v.error("peak_factor", Quantities.number(f) + " contradicts volume.peak_events_per_s " + Quantities.number(peakRate.get())
                        + " (" + Quantities.number(derived) + "x the average " + Quantities.number(avgEventsPerSecond) + " events/s)");
            }
        });
        return derived;
    }

    private Requirements.Compression compression(YamlSection volume) {
        Optional<YamlSection> c = volume.section("compression");
        double producer = ratio(c, "producer", CapacityPlan.PRODUCER_RATIO, "zstd over producer batches of JSON events (planning figure); measure yours");
        double bronze = ratio(c, "bronze", CapacityPlan.BRONZE_RATIO, "zstd over raw JSON objects (planning figure); measure yours");
        double silver = ratio(c, "silver", CapacityPlan.PARQUET_RATIO, "typed Parquet + zstd over raw JSON (planning figure); measure yours");
        c.ifPresent(YamlSection::finish);
        return new Requirements.Compression(producer, bronze, silver);
    }

    private double ratio(Optional<YamlSection> c, String key, double defaultRatio, String reason) {
        return c.flatMap(s -> s.number(key, MIN_COMPRESSION_RATIO, 1))
                .orElseGet(() -> assume("volume.compression." + key, defaultRatio, Quantities.number(defaultRatio), reason));
    }

    private Requirements.Retention retention(YamlSection volume) {
        Optional<YamlSection> r = volume.section("retention");
        double log = days(r, "log", 7, "replay window of the Kafka log");
        double bronze = days(r, "bronze", 90, "raw data kept for reprocessing");
        double silver = days(r, "silver", 365, "a year of history for analysts");
        double gold = days(r, "gold", 730, "two years of aggregates");
        r.ifPresent(YamlSection::finish);
        return new Requirements.Retention(log, bronze, silver, gold);
    }

    private double days(Optional<YamlSection> r, String key, double defaultDays, String reason) {
        Optional<Double> stated = r.flatMap(s -> s.seconds(key).map(sec -> s.inRange(key, sec, 0, 100 * 365 * Quantities.SECONDS_PER_DAY)));
        return stated.map(sec -> sec / Quantities.SECONDS_PER_DAY)
                .orElseGet(() -> assume("volume.retention." + key, defaultDays, Quantities.number(defaultDays) + " d", reason));
    }

    private Requirements.Velocity velocity(YamlSection root) {
        Optional<YamlSection> s = root.section("velocity");
        Optional<Double> latency = s.flatMap(v -> v.seconds("latency").map(l -> v.inRange("latency", l, 0.001, 7 * Quantities.SECONDS_PER_DAY)));
        Optional<Mode> stated = s.flatMap(v -> v.enumValue("mode", Mode.class));
        Mode mode = stated.orElseGet(() -> {
            Mode m = latency.filter(l -> l < BATCH_MIN_LATENCY_S).isPresent() ? Mode.HYBRID : Mode.BATCH;
            return assume("velocity.mode", m, YamlSection.yamlName(m), latency.isPresent()
                    ? "follows from the latency target" : "no latency stated");
        });
        double lat = latency.orElseGet(() -> mode == Mode.BATCH
                ? assume("velocity.latency", 3600.0, "1 h", "hourly batch")
                : assume("velocity.latency", 1.0, "1 s", "real-time means seconds unless stated"));
        if (mode == Mode.BATCH && lat < BATCH_MIN_LATENCY_S) {
            throw s.get().error("latency", Quantities.duration(lat) + " contradicts velocity.mode batch (a batch design needs >= "
                    + Quantities.duration(BATCH_MIN_LATENCY_S) + "; use mode streaming or hybrid)");
        }
        Requirements.Velocity probe = new Requirements.Velocity(mode, lat, 0, OptionalDouble.empty(), OptionalDouble.empty());
        double interval = probe.batchIntervalSeconds();
        double window = s.flatMap(v -> v.seconds("batch_window").map(w -> v.inRange("batch_window", w, 60, Quantities.SECONDS_PER_DAY)))
                .orElseGet(() -> {
                    double w = Math.min(interval / 2, 2 * 3600);
                    return assume("velocity.batch_window", w, Quantities.duration(w), "half the interval between batch runs, at most 2 h");
                });
        if (window > interval) {
            throw s.get().error("batch_window", Quantities.duration(window) + " is longer than the interval between runs ("
                    + Quantities.duration(interval) + "): runs would overlap");
        }
        OptionalDouble microBatch = s.flatMap(v -> v.seconds("micro_batch_interval")
                        .map(i -> v.inRange("micro_batch_interval", i, MIN_LANDING_INTERVAL_S, MAX_LANDING_INTERVAL_S)))
                .map(OptionalDouble::of).orElseGet(() -> assume("velocity.micro_batch_interval", OptionalDouble.empty(),
                        Quantities.duration(CapacityPlan.CHECKPOINT_S) + " (stream) or " + Quantities.duration(CapacityPlan.AGENT_FLUSH_S)
                                + " (log agents)", "the landing job commits files at each checkpoint; log agents flush every 10 min or 100 MB"));
        OptionalDouble writers = s.flatMap(v -> v.wholeNumber("writer_parallelism", 1, 1e6)).map(OptionalDouble::of).orElseGet(() -> assume("velocity.writer_parallelism", OptionalDouble.empty(),
                "the landing job's parallelism (stream) or volume.sources (log agents)", "each writer lands one file per interval"));
        s.ifPresent(YamlSection::finish);
        return new Requirements.Velocity(mode, lat, window / 3600, microBatch, writers);
    }

    private Requirements.Usage usage(YamlSection root) {
        Optional<YamlSection> s = root.section("users");
        Set<QueryPattern> patterns = EnumSet.copyOf(s.flatMap(u -> u.enumList("patterns", QueryPattern.class)).filter(l -> !l.isEmpty())
                .orElseGet(() -> assume("users.patterns", List.of(QueryPattern.SQL, QueryPattern.DASHBOARDS), "[sql, dashboards]",
                        "analysts and dashboards are the usual first users")));
        double sql = usageNumber(s, "sql_queries_per_day", patterns.contains(QueryPattern.SQL) ? 500 : 0, "analysts' ad-hoc queries");
        double dash = usageNumber(s, "dashboard_queries_per_day", patterns.contains(QueryPattern.DASHBOARDS) ? 2000 : 0,
                "dashboard tiles refreshing");
        double window = s.flatMap(u -> u.seconds("query_window").map(w -> u.inRange("query_window", w, 3600, 3650 * Quantities.SECONDS_PER_DAY)))
                .map(w -> w / Quantities.SECONDS_PER_DAY)
                .orElseGet(() -> assume("users.query_window", 7.0, "7 d", "a typical query reads the last week"));
        double lookups = s.flatMap(u -> u.number("point_lookups_per_s", 0, 1e7))
                .orElseGet(() -> patterns.contains(QueryPattern.POINT_LOOKUPS)
                        ? assume("users.point_lookups_per_s", 1000.0, "1,000", "an API reading keys")
                        : 0.0);
        if (lookups > 0 && !patterns.contains(QueryPattern.POINT_LOOKUPS)) {
            throw s.get().error("point_lookups_per_s", Quantities.number(lookups) + " lookups/s but users.patterns has no point_lookups");
        }
        double servingWindow = s.flatMap(u -> u.seconds("serving_window").map(w -> u.inRange("serving_window", w, 3600, 3650 * Quantities.SECONDS_PER_DAY)))
                .map(w -> w / Quantities.SECONDS_PER_DAY)
                .orElseGet(() -> assume("users.serving_window", CapacityPlan.SERVING_DAYS, Quantities.number(CapacityPlan.SERVING_DAYS) + " d",
                        "lookups and features read the current day of Gold"));
        OptionalDouble queryLatency = s.flatMap(u -> u.seconds("query_latency").map(l -> u.inRange("query_latency", l, 0.01, 3600)))
                .map(OptionalDouble::of).orElseGet(() -> assume("users.query_latency", OptionalDouble.empty(), "none",
                        "no p99 for SQL and dashboards stated: answer times are not checked"));
        boolean drilldown = s.flatMap(u -> u.bool("dashboard_drilldown")).orElseGet(() -> dash > 0 && queryLatency.isPresent()
                && assume("users.dashboard_drilldown", false, "false", "dashboards show fixed tiles, which can be computed in advance"));
        s.ifPresent(YamlSection::finish);
        return new Requirements.Usage(patterns, sql, dash, window, lookups, servingWindow, queryLatency, drilldown);
    }

    private double usageNumber(Optional<YamlSection> s, String key, double defaultValue, String reason) {
        return s.flatMap(u -> u.number(key, 0, 1e7)).orElseGet(() -> defaultValue == 0 ? 0.0
                : assume("users." + key, defaultValue, Quantities.number(defaultValue), reason));
    }

    private Requirements.Sla sla(YamlSection root, Requirements.Velocity velocity) {
        Optional<YamlSection> s = root.section("sla");
        boolean batch = velocity.mode() == Mode.BATCH;
        double availability = s.flatMap(x -> x.percent("availability").map(p -> x.inRange("availability", p, 90, 99.9999)))
                .orElseGet(() -> assume("sla.availability", 99.9, "99.9%", "the usual internal SLA"));
        double rpo = s.flatMap(x -> x.seconds("rpo").map(p -> x.inRange("rpo", p, 0, 7 * Quantities.SECONDS_PER_DAY)))
                .orElseGet(() -> batch ? assume("sla.rpo", 3600.0, "1 h", "one batch run may be redone")
                        : assume("sla.rpo", 60.0, "1 min", "one checkpoint interval"));
        double rto = s.flatMap(x -> x.seconds("rto").map(p -> x.inRange("rto", p, 0, 7 * Quantities.SECONDS_PER_DAY)))
                .orElseGet(() -> batch ? assume("sla.rto", 4 * 3600.0, "4 h", "rerun before the business day")
                        : assume("sla.rto", 900.0, "15 min", "restart from the last checkpoint"));
        s.ifPresent(YamlSection::finish);
        return new Requirements.Sla(availability, rpo, rto);
    }

    private Requirements.Security security(YamlSection root, String region) {
        Optional<YamlSection> s = root.section("security");
        boolean pii = s.flatMap(x -> x.bool("pii")).orElseGet(() -> assume("security.pii", false, "false", "no personal data stated"));
        Encryption enc = s.flatMap(x -> x.enumValue("encryption", Encryption.class)).orElseGet(() -> pii
                ? assume("security.encryption", Encryption.SSE_KMS, "sse_kms", "PII needs keys you control and audit")
                : assume("security.encryption", Encryption.SSE_S3, "sse_s3", "S3 encrypts by default"));
        if (pii && enc == Encryption.NONE) {
            throw s.get().error("encryption", "none contradicts security.pii true (personal data must be encrypted at rest)");
        }
        String residency = s.flatMap(x -> x.text("residency")).orElseGet(() -> assume("security.residency", region, region,
                "data stays in the design's region"));
        s.ifPresent(YamlSection::finish);
        return new Requirements.Security(pii, enc, residency);
    }

    private OptionalDouble budget(YamlSection root) {
        Optional<YamlSection> s = root.section("budget");
        Optional<Double> monthly = s.flatMap(b -> b.number("monthly_usd", 0, 1e9));
        s.ifPresent(YamlSection::finish);
        if (monthly.isEmpty()) {
            assume("budget.monthly_usd", 0, "none", "no budget stated: the cost is reported, not checked");
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(monthly.get());
    }

    private Map<Knob<?>, Knob.Choice> choices(YamlSection root) {
        Map<Knob<?>, Knob.Choice> fixed = Knob.map();
        root.section("choices").ifPresent(c -> {
            for (String key : c.keys()) {
                Knob<?> knob = Knob.byKey(key);
                if (knob == null) {
                    continue; // finish() below reports it as unknown, with the known keys
                }
                List<String> allowed = knob.allowed().stream().map(Knob.Choice::key).toList();
                String value = c.text(key).orElseThrow(() -> c.error(key, "needs a value, one of " + allowed));
                Knob.Choice choice = knob.parse(value);
                if (choice == null) {
                    throw c.error(key, "\"" + value + "\" is not one of " + allowed);
                }
                fixed.put(knob, choice);
            }
            c.finish();
        });
        return Map.copyOf(fixed);
    }

    private static void checkContradictions(YamlSection root, Requirements.Velocity velocity, Requirements.Usage usage,
                                            Map<Knob<?>, Knob.Choice> choices) {
        YamlSection c = root.section("choices").orElse(root);
        boolean batch = velocity.mode() == Mode.BATCH;
        if (!batch && choices.get(Knob.INGESTION) == Ingestion.S3_DIRECT) {
            throw c.error("ingestion", "s3_direct contradicts velocity.mode " + YamlSection.yamlName(velocity.mode())
                    + " (files landed on S3 cannot meet a " + Quantities.duration(velocity.latencySeconds()) + " latency)");
        }
        if (usage.pointLookupsPerSecond() > 0 && choices.get(Knob.SERVING) == Serving.NONE) {
            throw c.error("serving", "none contradicts users.point_lookups_per_s " + Quantities.number(usage.pointLookupsPerSecond()));
        }
        Knob.Choice pipeline = choices.get(Knob.PIPELINE);
        if (pipeline != null && batch != (pipeline == Pipeline.BATCH)) {
            throw c.error("pipeline", pipeline.key() + " contradicts velocity.mode " + YamlSection.yamlName(velocity.mode()));
        }
        if (choices.get(Knob.BATCH_COMPUTE) == BatchCompute.REDSHIFT && choices.get(Knob.WAREHOUSE) == Warehouse.ATHENA) {
            throw c.error("batch_compute", "redshift (ELT inside the warehouse) contradicts choices.warehouse athena");
        }
        if (!batch && choices.get(Knob.BATCH_COMPUTE) == BatchCompute.REDSHIFT) {
            throw c.error("batch_compute", "redshift contradicts velocity.mode " + YamlSection.yamlName(velocity.mode())
                    + " (a warehouse ELT does not consume a stream)");
        }
    }

    private <T> T or(YamlSection s, String key, Optional<T> stated, T defaultValue, String reason, Function<T, String> show) {
        return stated.orElseGet(() -> assume(s.field(key), defaultValue, show.apply(defaultValue), reason));
    }

    private <T> T assume(String field, T value, String shown, String reason) {
        assumptions.add(new Assumption(field, shown, reason));
        return value;
    }
}
