package io.alluvium.architect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every formula the report prints (capacity figures, cost-line quantities, decision-path steps), read back by {@link Recalculator}
 * from its text alone, gives the figure printed beside it; and every model constant is printed where it is used,
 * so a constant that changed while its text stayed would be caught. The designs: every shipped example, and
 * variants that reach the branches the examples do not (Kinesis, OpenSearch, always-on clusters, uncompressed
 * layers...).
 */
class PrintedFormulasTest {

    /** A printed formula and the figure printed beside it. */
    private record Printed(String where, String formula, String figure) {
    }

    private static List<Printed> printed(List<Design> corpus) {
        List<Printed> out = new ArrayList<>();
        for (Design d : corpus) {
            for (Estimate e : d.capacity().estimates()) {
                out.add(new Printed(d.requirements().name() + ": " + e.id(), e.formula().text(), printedFigure(e)));
            }
            DecisionBudget.of(d.requirements(), d.decisions()).ifPresent(b -> {
                b.steps().forEach(st -> out.add(new Printed(d.requirements().name() + ": " + st.name(), st.ms().text(),
                        Quantities.number(st.ms().value()) + " ms")));
                out.add(new Printed(d.requirements().name() + ": decision path", b.total().text(), Quantities.number(b.total().value()) + " ms"));
            });
            for (CostLine l : d.cost().lines()) {
                out.add(new Printed(d.requirements().name() + ": " + l.id(), l.quantityFormula().text(),
                        Quantities.number(l.quantity()) + " " + l.unit()));
            }
        }
        return out;
    }

    private static List<Design> corpus() {
        List<Design> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Fixtures.EXAMPLES)) {
            s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(p -> out.add(Fixtures.design(p.getFileName().toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String yaml : List.of(
                "volume: {per_day: 50 GB}\nvelocity: {mode: streaming, latency: 2 s}\nchoices: {ingestion: kinesis, batch_compute: glue}",
                "volume: {per_day: 10 MB, event_size: 40 KB}\nvelocity: {mode: streaming, latency: 5 s}\nchoices: {ingestion: kinesis, warehouse: athena}",
                "volume: {per_day: 5 GB, event_size: 3 KB}\nvelocity: {mode: streaming, latency: 5 s}\nchoices: {ingestion: kinesis_on_demand}",
                "volume: {per_day: 20 TB, retention: {log: 30 d}}\nvelocity: {mode: streaming, latency: 1 s}\nchoices: {ingestion: msk_express}",
                "volume: {per_day: 40 TB}\nusers: {patterns: [dashboards, sql], dashboard_queries_per_day: 5000000, query_latency: 500 ms, "
                        + "dashboard_drilldown: true}",
                "volume: {per_day: 1 TB}\nvelocity: {mode: streaming, latency: 5 s}\nusers: {patterns: [dashboards], query_latency: 300 ms}",
                "volume: {per_day: 10 GB}\nvelocity: {mode: streaming, latency: 900 ms}\nusers: {patterns: [ml_features]}\n"
                        + "choices: {ingestion: kinesis, serving: dynamodb}",
                "volume: {per_day: 2 TB}\nusers: {patterns: [search, sql]}\nvelocity: {mode: hybrid, latency: 30 s}\n"
                        + "choices: {fetch_from_follower: false, producer_compression: none, bronze_compression: none, lifecycle_tiers: false}",
                "volume: {per_day: 3 TB}\nvelocity: {mode: batch, latency: 1 h, micro_batch_interval: 5 min, writer_parallelism: 40}\n"
                        + "choices: {cluster: always_on, partitioned: false, curated_format: json, s3_access: nat_gateway, warehouse: redshift}",
                "volume: {per_day: 800 GB}\nvelocity: {mode: batch, latency: 1 d}\nchoices: {batch_compute: emr, compaction: false, table_format: hive}\n"
                        + "current_state: {emr: {nodes: 12, busy_per_day: 5 h}}")) {
            out.add(Architect.design(Fixtures.parse(yaml), Calibration.defaults()));
        }
        return out;
    }

    /** The figure as the report prints it (see MarkdownRenderer). */
    private static String printedFigure(Estimate e) {
        return e.unit().equals("bytes") ? Quantities.size(e.value()) : Quantities.number(e.value()) + " " + e.unit();
    }

    private static boolean agrees(String formula, String figure) {
        return Recalculator.evaluate(formula).meets(Recalculator.evaluate(figure));
    }

    @Test
    void everyPrintedFormulaReadBackGivesItsPrintedFigure() {
        List<Design> corpus = corpus();
        List<Printed> all = printed(corpus);
        for (Printed p : all) {
            assertThat(agrees(p.formula(), p.figure())).as("%s = %s gives %s, printed %s", p.where(), p.formula(),
                    Recalculator.evaluate(p.formula()), p.figure()).isTrue();
        }
        assertThat(all).hasSizeGreaterThan(600);
        // Every branch of the plan and the bill is read back at least once.
        Set<String> ids = new TreeSet<>();
        corpus.forEach(d -> d.capacity().estimates().forEach(e -> ids.add(e.id())));
        corpus.forEach(d -> d.cost().lines().forEach(l -> ids.add(l.id())));
        assertThat(ids).contains("kinesis_shards", "kinesis_put_units_per_month", "opensearch_nodes", "elasticache_nodes", "msk_brokers",
                "redshift_elt_nodes", "redshift_nodes", "emr_nodes_for_the_work", "nat_gb_per_day", "cross_az_gb_per_day", "lifecycle_split",
                "emr_serverless.memory", "glue.dpu", "flink.storage", "stepfunctions.transitions", "kms.keys", "nat.hours", "dynamodb.writes",
                "emr.spot_saving", "msk_connect.cdc", "kinesis.data_out", "msk.written", "olap.nodes", "olap.storage", "dashboards.kv_writes", "dashboards.kv_reads");
    }

    @Test
    void theReaderCatchesAFormulaThatDisagreesWithItsFigure() {
        // 40 MB/s over 10 MB/s per partition with headroom is 6, not 5; the 10 MB minimum counts.
        assertThat(agrees("ceil(40 MB/s x 1.5 headroom / 10 MB/s per partition)", "6 partitions")).isTrue();
        assertThat(agrees("ceil(40 MB/s x 1.5 headroom / 10 MB/s per partition)", "5 partitions")).isFalse();
        assertThat(agrees("30 d x (2 queries/day x max(10 MB minimum, 1 KB scanned))", "0.6 GB")).isTrue();
        assertThat(agrees("864 GB/day x 0.3 [producer zstd] / 86,400 s/day", "3 MB/s")).isTrue();
        assertThat(agrees("864 GB/day x 0.3 [producer zstd] / 86,400 s/day", "3 GB")).isFalse();
    }

    /**
     * For each of the plan's constants, prints the formulas that use it with the constant doubled in the text
     * only: what a changed constant with stale text would print. The reader must reject at least one of them.
     */
    @Test
    void aConstantChangedWithoutItsTextWouldBeCaught() throws IllegalAccessException {
        List<Printed> all = printed(corpus());
        List<String> missed = new ArrayList<>();
        for (Class<?> model : List.of(CapacityPlan.class, CostModel.class, DecisionBudget.class)) {
            for (Field f : model.getDeclaredFields()) {
                boolean constant = Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers())
                        && (f.getType() == double.class || f.getType() == int.class);
                if (!constant) {
                    continue;
                }
                f.setAccessible(true);
                double value = ((Number) f.get(null)).doubleValue();
                if (!caught(all, value, f.getName().contains("BYTES"))) {
                    missed.add(model.getSimpleName() + "." + f.getName() + " = " + Quantities.number(value));
                }
            }
        }
        assertThat(missed).as("constants whose printed value no formula depends on").isEmpty();
    }

    /** Whether a formula with the constant's printed form doubled disagrees with its figure; sizes print as "256 MB". */
    private static boolean caught(List<Printed> all, double constant, boolean bytes) {
        String printed = bytes ? Quantities.size(constant) : Quantities.number(constant);
        Pattern token = Pattern.compile("(?<=^|[\\s(])" + Pattern.quote(printed) + "(?=$|[\\s),])");
        String stale = bytes ? Quantities.size(constant * 2) : Quantities.number(constant * 2);
        for (Printed p : all) {
            Matcher m = token.matcher(p.formula());
            while (m.find()) {
                String mutated = p.formula().substring(0, m.start()) + stale + p.formula().substring(m.end());
                if (!agrees(mutated, p.figure())) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void unitsAndNotesCarryNoNumbers() {
        assertThatThrownBy(() -> Formula.of(3, "x 1,000 records/s")).hasMessageContaining("make it an operand");
        assertThatThrownBy(() -> Formula.of(3, "").note("2/3 of clients")).hasMessageContaining("make it an operand");
        assertThatThrownBy(() -> Formula.of(3, "GB")).hasMessageContaining("size unit");
        assertThat(Formula.of(3, "S3 requests").note("m7g nodes").text()).isEqualTo("3 S3 requests [m7g nodes]");
    }

    @Test
    void theTextParenthesizesWhatItsValueGroups() {
        Formula a = Formula.of(2, "a");
        Formula b = Formula.of(3, "b");
        Formula c = Formula.of(4, "c");
        assertThat(a.plus(b).times(c).text()).isEqualTo("(2 a + 3 b) x 4 c");
        assertThat(a.plus(b).times(c).value()).isEqualTo(20);
        assertThat(a.over(b.times(c)).text()).isEqualTo("2 a / (3 b x 4 c)");
        assertThat(a.plus(b.plus(c)).text()).isEqualTo("2 a + 3 b + 4 c");
        assertThat(a.times(b).plus(c).text()).isEqualTo("2 a x 3 b + 4 c");
        assertThat(Formula.roundUp(Formula.of(7, ""), 3).value()).isEqualTo(9);
        assertThat(Formula.inSizeUnit(40, "MB/s").value()).isEqualTo(40e6);
        assertThat(Formula.bytes(5e12, "/day").text()).isEqualTo("5 TB/day");
    }
}
