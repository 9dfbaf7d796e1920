package io.alluvium.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.ChildProtocol;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.ExitCode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * BatchMain launched exactly as the CLI launches it: a child JVM with jvm-options.txt, target/classes
 * plus target/classpath.txt, the settings file as first argument. Proves the protocol (stdout holds only
 * {@code @alluvium} lines, one result), the exit codes, and that Spark starts with the shipped flags.
 */
class BatchMainChildJvmTest {
    private final AlluviumConfig config = TestLake.newCatalogConfig();

    @Test
    void sqlRunsSparkInAChildJvmAndAnswersOneResultLine() throws Exception {
        Run run = launch("sql", "SELECT 1 AS one, DATE'2026-11-01' AS day");
        assertThat(run.exit).as(run.stdout.toString()).isZero();
        JsonNode result = Json.mapper().readTree(run.result());
        assertThat(result.get("columns").toString()).isEqualTo("[\"one\",\"day\"]");
        assertThat(result.get("rows").toString()).isEqualTo("[[1,\"2026-11-01\"]]");
        assertThat(Files.readString(DataDir.of(config).log("batch"))).doesNotContain("ERROR");
    }

    @Test
    void tableListOfAnEmptyCatalogAndBadInputExitTwo() throws Exception {
        Run list = launch("table", "list");
        assertThat(list.exit).isZero();
        assertThat(list.result()).isEqualTo("[]");

        Run bad = launch("gold", "--backfill", "2026-11-03..2026-11-01");
        assertThat(bad.exit).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(bad.stdout).containsExactly("@alluvium error --backfill 2026-11-03..2026-11-01: the end day is before the start day");
    }

    private record Run(int exit, List<String> stdout) {
        String result() {
            List<String> results = stdout.stream().filter(l -> l.startsWith("@alluvium result ")).toList();
            assertThat(results).hasSize(1);
            return results.get(0).substring("@alluvium result ".length());
        }
    }

    private Run launch(String... args) throws Exception {
        DataDir dataDir = DataDir.of(config).create();
        Path settings = dataDir.run().resolve("batch.properties");
        config.writeTo(settings);
        Path module = Path.of("").toAbsolutePath();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.addAll(Files.readAllLines(module.resolve("jvm-options.txt")).stream().filter(l -> !l.isBlank()).toList());
        command.add("-Dalluvium.log.file=" + dataDir.log("batch"));
        command.add("-Djava.io.tmpdir=" + dataDir.tmp());
        command.add("-cp");
        command.add(module.resolve("target/classes") + File.pathSeparator
                + Files.readString(module.resolve("target/classpath.txt")).strip() + File.pathSeparator + sqliteJar());
        command.add(BatchMain.class.getName());
        command.add(settings.toString());
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(dataDir.log("batch-stderr").toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        List<String> stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(stdout).allSatisfy(l -> assertThat(l).startsWith(ChildProtocol.PREFIX));
        return new Run(p.exitValue(), stdout);
    }

    /** The catalog database driver of the tests (the CLI ships PostgreSQL's in classpath.txt instead). */
    private static String sqliteJar() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.contains("sqlite-jdbc")).findFirst().orElseThrow();
    }
}
