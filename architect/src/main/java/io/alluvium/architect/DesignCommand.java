package io.alluvium.architect;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code alluvium design}: the command-line face of the {@link Architect}. Reads the files, picks the
 * renderer and maps every bad input to exit code 2 with one line naming the file, line and field.
 */
@Command(name = "design", mixinStandardHelpOptions = true,
        description = {"Turn a requirements file into a reviewed AWS data architecture: assumptions, layers and services (with why and why not),",
                "capacity, monthly cost from a dated price table, bottlenecks, optimizations, failure model and evolution. Works offline."},
        footer = {"", "Examples:", "  alluvium design architect/examples/q1-100tb-logs.yaml",
                "  alluvium design --compare architect/examples/q3-s3-spark.yaml architect/examples/q3-redshift.yaml",
                "  alluvium design --explain msk", "Exit codes: 0 design printed, 2 bad input."})
public class DesignCommand implements Callable<Integer> {
    static final int BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "REQUIREMENTS", description = "Requirements file (YAML).")
    Path requirements;

    @Option(names = "--json", description = "Machine-readable JSON (stable field names, see architect/README.md).")
    boolean json;

    @Option(names = "--html", description = "One self-contained HTML page with the layer diagram and cost chart.")
    boolean html;

    @Option(names = "--explain", paramLabel = "SERVICE", description = "Explain a service (msk, kinesis, emr, athena, redshift, ...).")
    String explain;

    @Option(names = "--compare", arity = "2", paramLabel = "FILE", description = "Two requirements files, designed side by side with the cost difference.")
    List<Path> compare;

    @Option(names = "--calibration", paramLabel = "BENCH_JSON", description = "Throughput measured by alluvium bench (JSON); default: documented figures.")
    Path calibration;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path out;

    public DesignCommand() {
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            String report = report();
            if (out != null) {
                Files.writeString(out, report, StandardCharsets.UTF_8);
                spec.commandLine().getOut().println("wrote " + out);
            } else {
                spec.commandLine().getOut().print(report);
            }
            spec.commandLine().getOut().flush();
            return 0;
        } catch (InvalidInputException e) {
            err.println("alluvium design: " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        } catch (IOException e) {
            err.println("alluvium design: cannot read or write " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        }
    }

    private String report() throws IOException {
        if (json && html) {
            throw usage("--json and --html are exclusive");
        }
        int modes = (requirements != null ? 1 : 0) + (explain != null ? 1 : 0) + (compare != null ? 1 : 0);
        if (modes != 1) {
            throw usage("give exactly one of REQUIREMENTS, --explain SERVICE or --compare A B");
        }
        if (explain != null) {
            ServiceCatalog catalog = ServiceCatalog.load();
            PriceTable prices = PriceTable.forRegion(PriceTable.AVAILABLE.get(0));
            return json ? catalog.json(explain, prices) : catalog.markdown(explain, prices);
        }
        Calibration cal = calibration == null ? Calibration.defaults() : Calibration.read(calibration.toString(), read(calibration));
        if (compare != null) {
            Comparison c = new Comparison(designOf(compare.get(0), cal), designOf(compare.get(1), cal));
            return json ? JsonRenderer.renderComparison(c) : html ? HtmlRenderer.renderComparison(c) : MarkdownRenderer.renderComparison(c);
        }
        Design d = designOf(requirements, cal);
        return json ? JsonRenderer.render(d) : html ? HtmlRenderer.render(d) : MarkdownRenderer.render(d);
    }

    private static Design designOf(Path file, Calibration cal) throws IOException {
        return Architect.design(RequirementsReader.read(file.toString(), read(file)), cal);
    }

    private static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file.toString(), 0, "(file)", "no such file");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static InvalidInputException usage(String message) {
        return new InvalidInputException("alluvium design", 0, "(options)", message);
    }
}
