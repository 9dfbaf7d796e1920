package io.alluvium.architect;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Shared by the tests: example files, designs, and running the command with captured output. */
final class Fixtures {
    static final Path EXAMPLES = Path.of("examples");

    private Fixtures() {
    }

    static Requirements requirements(String exampleFile) {
        Path p = EXAMPLES.resolve(exampleFile);
        try {
            return RequirementsReader.read(p.toString(), Files.readString(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Design design(String exampleFile) {
        return Architect.design(requirements(exampleFile), Calibration.defaults());
    }

    static Requirements parse(String yaml) {
        return RequirementsReader.read("test.yaml", yaml);
    }

    /** Exit code, standard output and standard error of one {@code design} invocation. */
    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new DesignCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
