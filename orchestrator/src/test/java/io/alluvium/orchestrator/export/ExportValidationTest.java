package io.alluvium.orchestrator.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.orchestrator.Schedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported files as the tools that will read them see them: the DAG file through Python's own parser, the state
 * machine through asl-validator, a validator of the Amazon States Language (installed with npm into target/ once,
 * at the version pinned here). Each tool is also shown a broken file, so that a pass means it was consulted.
 */
class ExportValidationTest {
    private static final String ASL_VALIDATOR = "asl-validator@4.0.0";
    private static final Path ASL_VALIDATOR_HOME = Path.of("target", "asl-validator").toAbsolutePath();

    @TempDir
    Path dir;

    /** A tool's exit code and what it printed, both streams together. */
    private record Outcome(int exitCode, String output) {
    }

    /** Runs {@code command} to its end (5 minutes at most), its output kept in a file so that a hang cannot block. */
    private static Outcome run(List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("export-validation", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not end within 5 minutes");
            }
            return new Outcome(process.exitValue(), Files.readString(output));
        } finally {
            Files.delete(output);
        }
    }

    private static Path aslValidator() {
        return ASL_VALIDATOR_HOME.resolve("node_modules").resolve(".bin").resolve("asl-validator");
    }

    @BeforeAll
    static void installAslValidator() throws IOException, InterruptedException {
        if (!Files.isExecutable(aslValidator())) {
            Outcome install = run(List.of("npm", "install", "--no-audit", "--no-fund", "--prefix",
                    ASL_VALIDATOR_HOME.toString(), ASL_VALIDATOR));
            assertThat(install.exitCode()).as("npm install " + ASL_VALIDATOR + ": " + install.output()).isZero();
        }
    }

    private Outcome parsePython(String source) throws IOException, InterruptedException {
        Path file = Files.writeString(dir.resolve("dag.py"), source);
        return run(List.of("python3", "-c", "import ast,sys; ast.parse(open(sys.argv[1]).read())", file.toString()));
    }

    private Outcome validateAsl(String json) throws IOException, InterruptedException {
        Path file = Files.writeString(dir.resolve("machine.json"), json);
        return run(List.of(aslValidator().toString(), "--json-path", file.toString()));
    }

    @Test
    void theDagFileIsPython() throws Exception {
        String dag = AirflowDag.source(SamplePipeline.of(), Schedule.parse("0 3 * * *"));
        Outcome parsed = parsePython(dag);
        assertThat(parsed.exitCode()).as(parsed.output()).isZero();

        Outcome broken = parsePython(dag.replace("    )\n", "    \n"));
        assertThat(broken.exitCode()).isNotZero();
        assertThat(broken.output()).contains("SyntaxError");
    }

    @Test
    void theStateMachineIsValidAmazonStatesLanguage() throws Exception {
        Outcome validated = validateAsl(StepFunctionsMachine.json(SamplePipeline.of()));
        assertThat(validated.exitCode()).as(validated.output()).isZero();
        assertThat(validated.output()).contains("is valid");
    }

    @Test
    void aStateMachineWhoseNextPointsNowhereIsRejected() throws Exception {
        ObjectNode machine = StepFunctionsMachine.definition(SamplePipeline.of());
        ((ObjectNode) machine.path("States").path("silver")).put("Next", "nowhere");
        Outcome validated = validateAsl(machine.toPrettyString());
        assertThat(validated.exitCode()).isNotZero();
        assertThat(validated.output()).contains("is invalid", "MISSING_TRANSITION_TARGET", "nowhere");
    }
}
