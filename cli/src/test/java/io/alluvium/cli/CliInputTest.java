package io.alluvium.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.alluvium.config.AlluviumSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input at the CLI's door: one clear message naming the culprit, exit code 2, nothing started. */
class CliInputTest {
    @TempDir
    Path dir;

    private final CliSession cli = new CliSession();

    private int run(String... args) {
        return cli.run(args);
    }

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("alluvium.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void unknownKeyIsNamedWithItsLineAndASuggestion() throws IOException {
        Path file = yaml("data:\n  dir: " + dir.resolve("data") + "\nkafka:\n  partitons: 3\n");
        int code = run("status", "--config", file.toString());
        assertThat(code).isEqualTo(2);
        assertThat(cli.err())
                .contains("alluvium.yaml line 4")
                .contains("kafka.partitons: unknown setting")
                .contains("did you mean kafka.partitions?")
                .doesNotContain("Exception");
    }

    @Test
    void wrongTypeIsNamedWithItsLine() throws IOException {
        Path file = yaml("kafka:\n  port: lots\n");
        assertThat(run("status", "--config", file.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("alluvium.yaml line 2: kafka.port: expected a whole number, got \"lots\"");
    }

    @Test
    void aSectionOrKeyWrittenTwiceIsNamedWithBothLines() throws IOException {
        Path file = yaml("kafka:\n  port: 19092\ngenerator:\n  events: 10\nkafka:\n  partitions: 2\n");
        assertThat(run("status", "--config", file.toString())).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("error: alluvium.yaml lines 1 and 5: kafka: section written twice: put all"
                + " its keys under one kafka:" + System.lineSeparator());

        cli.clearErr();
        file = yaml("kafka:\n  port: 19092\n  partitions: 2\n  port: 19094\n");
        assertThat(run("status", "--config", file.toString())).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("error: alluvium.yaml lines 2 and 4: kafka.port: written twice: keep the"
                + " one you mean" + System.lineSeparator());
    }

    @Test
    void outOfRangeValueSaysWhatIsAllowed() throws IOException {
        Path file = yaml("generator:\n  duplicate-rate: 1.5\n");
        assertThat(run("status", "--config", file.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("generator.duplicate-rate: expected a fraction between 0.0 and 1.0");
    }

    @Test
    void brokenYamlIsReportedWithItsLine() throws IOException {
        Path file = yaml("kafka:\n  port: 1\n   bad: [\n");
        assertThat(run("status", "--config", file.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("not valid YAML").doesNotContain("\tat ");
    }

    @Test
    void overrideOnTheCommandLineIsValidatedToo() {
        assertThat(run("status", "--data-dir", dir.toString(), "--set", "spark.heap=lots")).isEqualTo(2);
        assertThat(cli.err()).contains("--set: spark.heap: expected a size such as 512m or 2g");
    }

    @Test
    void missingConfigFileIsNamed() {
        assertThat(run("status", "--config", dir.resolve("nope.yaml").toString())).isEqualTo(2);
        assertThat(cli.err()).contains("no such file").contains("nope.yaml");
    }

    @Test
    void unknownFlagAndCommandGiveUsageHintAndExitTwo() {
        assertThat(run("batch", "sideways")).isEqualTo(2);
        assertThat(cli.err()).contains("Invalid value").contains("Try 'alluvium batch --help'");
        assertThat(run("frobnicate")).isEqualTo(2);
    }

    @Test
    void badOptionValuesSayWhatIsExpectedNotAJavaType() {
        assertThat(run("watch", "--once", "--interval", "fast")).isEqualTo(2);
        assertThat(run("bench", "serving", "--seconds", "10s")).isEqualTo(2);
        assertThat(run("watch", "--once", "--top", "ten")).isEqualTo(2);
        assertThat(cli.err().lines()).containsExactly(
                "error: Invalid value for option '--interval': expected a duration such as 500ms, 5s, 2m or 1h, got \"fast\"",
                "Try 'alluvium watch --help'.",
                "error: Invalid value for option '--seconds': expected a whole number, got \"10s\"",
                "Try 'alluvium bench --help'.",
                "error: Invalid value for option '--top': expected a whole number, got \"ten\"",
                "Try 'alluvium watch --help'.");
    }

    @Test
    void badBackfillRangeIsRejectedBeforeAnythingStarts() {
        assertThat(run("batch", "gold", "--data-dir", dir.toString(), "--backfill", "yesterday")).isEqualTo(2);
        assertThat(cli.err()).contains("--backfill expects FROM..TO");
        assertThat(Files.exists(dir.resolve("logs/batch.log"))).isFalse();
    }

    @Test
    void publishBuildsNothingSoItTakesNoBackfillAndNeedsTheServingStore() {
        assertThat(run("batch", "publish", "--data-dir", dir.toString(), "--backfill", "2026-11-01..2026-11-02"))
                .isEqualTo(2);
        assertThat(cli.err()).contains("publish builds nothing").contains("batch gold --backfill");
        assertThat(run("batch", "publish", "--data-dir", dir.toString(), "--set", "serving.port=" + unusedPort()))
                .isEqualTo(2);
        assertThat(cli.err()).contains("cannot reach the serving store").contains("serving.port");
        assertThat(Files.exists(dir.resolve("logs/batch.log"))).isFalse();
    }

    @Test
    void aServingViewThatIsNoneOfTheThreeIsNamed() {
        assertThat(run("watch", "--once", "--data-dir", dir.toString(), "--set", "serving.view=kappa")).isEqualTo(2);
        assertThat(cli.err()).contains("serving.view").contains("lambda");
    }

    @Test
    void portInUseIsAClearMessage() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            int code = run(withFreePorts("up", AlluviumSettings.CATALOG_POSTGRES_PORT + "=" + port));
            assertThat(code).isEqualTo(2);
            assertThat(cli.err()).contains("port " + port + " (catalog.postgres-port) is already in use");
        }
    }

    @Test
    void everyPortInUseIsNamedBeforeAnythingStarts() throws IOException {
        try (ServerSocket controller = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket serving = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String[] up = withFreePorts("up", AlluviumSettings.KAFKA_CONTROLLER_PORT + "=" + controller.getLocalPort(),
                    AlluviumSettings.SERVING_PORT + "=" + serving.getLocalPort());
            try {
                assertThat(run(up)).as(cli.err()).isEqualTo(2);
            } finally {
                run("down", "--data-dir", dir.toString());
            }
            assertThat(cli.err()).isEqualTo("error: ports " + controller.getLocalPort() + " (kafka.controller-port), "
                    + serving.getLocalPort() + " (serving.port) are already in use on 127.0.0.1, so kafka-broker,"
                    + " serving-store cannot start; nothing was started. Stop what uses them, or choose other ports:"
                    + " --set kafka.controller-port=<port> --set serving.port=<port> or in alluvium.yaml."
                    + System.lineSeparator());
            assertThat(cli.out()).as("status after down").doesNotContain("running");
        }
    }

    @Test
    void aServiceThatFailsToStartStopsTheOnesStartedBeforeIt() throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("kafka"), "not the broker's directory");
        int code;
        try {
            code = run(withFreePorts("up"));
        } finally {
            run("down", "--data-dir", dir.toString());
        }
        assertThat(code).isEqualTo(1);
        assertThat(cli.err()).contains("▸ starting catalog-db").contains("▸ starting kafka-broker")
                .contains("▸ stopped catalog-db").doesNotContain("serving-store")
                .contains("error: kafka-broker");
        cli.clearErr();
        assertThat(run("status", "--data-dir", dir.toString())).isZero();
        assertThat(cli.out()).containsPattern("\\| catalog-db +\\| stopped \\|").doesNotContain("running");
    }

    /** {@code command} on the test's data dir with every service port free, but for {@code settings}. */
    private String[] withFreePorts(String command, String... settings) {
        List<String> args = new ArrayList<>(List.of(command, "--data-dir", dir.toString()));
        for (String key : List.of(AlluviumSettings.CATALOG_POSTGRES_PORT, AlluviumSettings.KAFKA_PORT,
                AlluviumSettings.KAFKA_CONTROLLER_PORT, AlluviumSettings.SERVING_PORT)) {
            args.addAll(List.of("--set", key + "=" + unusedPort()));
        }
        for (String setting : settings) {
            args.addAll(List.of("--set", setting));
        }
        return args.toArray(String[]::new);
    }

    @Test
    void unusableDataDirIsNamedBeforeAnythingStarts() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        assertThat(run("up", "--data-dir", file.resolve("data").toString())).isEqualTo(2);
        assertThat(cli.err()).contains("data.dir: cannot write to").contains("not-a-dir");
    }

    @Test
    void jobsAgainstServicesThatAreDownSayHowToStartThem() {
        assertThat(run("generate", "--data-dir", dir.toString(), "--set", "kafka.port=" + unusedPort())).isEqualTo(2);
        assertThat(cli.err()).contains("cannot reach Kafka at 127.0.0.1:").contains("alluvium up");
        assertThat(run("batch", "all", "--data-dir", dir.toString(), "--set", "catalog.postgres-port=" + unusedPort()))
                .isEqualTo(2);
        assertThat(cli.err()).contains("cannot reach the catalog database").contains("catalog.postgres-port");
    }

    @Test
    void anUnreachableExternalBrokerIsNamedBySetting() {
        assertThat(run("stream", "start", "landing", "--data-dir", dir.toString(),
                "--set", "kafka.bootstrap-servers=127.0.0.1:" + unusedPort())).isEqualTo(2);
        assertThat(cli.err()).contains("(kafka.bootstrap-servers): check the address");
    }

    @Test
    void reconcileAgainstAServingStoreUrlThatIsNoneOrDoesNotAnswerIsOneLineNamingTheSetting() {
        assertThat(run("reconcile", "--data-dir", dir.toString(), "--set", "serving.redis-url=notaurl")).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("error: serving.redis-url: not a Redis URL: expected redis://host:port or"
                + " rediss://host:port" + System.lineSeparator());
        cli.clearErr();

        assertThat(run("reconcile", "--data-dir", dir.toString(),
                "--set", "serving.redis-url=redis://:s3cr3t-value@127.0.0.1:" + unusedPort())).isEqualTo(2);
        assertThat(cli.err()).startsWith("error: cannot reach the serving store at 127.0.0.1:")
                .contains("(serving.redis-url): check the URL").doesNotContain("s3cr3t-value").hasLineCount(1);
    }

    private static int unusedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void statusOfANewDataDirShowsEverythingStoppedAndWhereThePasswordsWillBe() {
        assertThat(run("status", "--data-dir", dir.toString(), "--json")).isEqualTo(0);
        assertThat(cli.out()).contains("\"kafka-broker\"").contains("\"stopped\"")
                .contains("user alluvium, database alluvium_catalog, password in " + dir.resolve("secrets/catalog.password"))
                .contains("password in " + dir.resolve("secrets/serving.password"));
        assertThat(dir.resolve("secrets")).as("status creates no password").doesNotExist();
    }

    @Test
    void secretsNeverAppearInHelp() throws IOException {
        Path file = yaml("catalog:\n  jdbc-password: s3cr3t-value\n");
        run("--help");
        run("status", "--config", file.toString(), "--json");
        run("settings", "--config", file.toString(), "--effective", "--json");
        assertThat(cli.out()).contains("password from setting catalog.jdbc-password")
                .contains("[hidden]");
        assertThat(cli.out() + cli.err()).doesNotContain("s3cr3t-value");
    }
}
