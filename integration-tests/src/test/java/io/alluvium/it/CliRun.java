package io.alluvium.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alluvium.cli.Main;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.ChildJvm;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs {@code alluvium} commands in-process against one data directory with ports of its own, as a
 * user would type them; the engines still run in their child JVMs.
 */
final class CliRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one command printed and returned. */
    record Result(int exitCode, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (exit " + exitCode + "): " + out + "\n" + err, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private final List<String> common = new ArrayList<>();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Path dataDir;

    CliRun(Path dataDir) {
        this(dataDir, Map.of());
    }

    /** With settings of the test's own, which win over the ones above; every command and {@link #config()} get them. */
    CliRun(Path dataDir, Map<String, String> overrides) {
        this.dataDir = dataDir;
        settings.put(AlluviumSettings.DATA_DIR, dataDir.toString());
        settings.put(AlluviumSettings.KAFKA_PORT, Integer.toString(freePort()));
        settings.put(AlluviumSettings.KAFKA_CONTROLLER_PORT, Integer.toString(freePort()));
        settings.put(AlluviumSettings.CATALOG_POSTGRES_PORT, Integer.toString(freePort()));
        settings.put(AlluviumSettings.SERVING_PORT, Integer.toString(freePort()));
        settings.put(AlluviumSettings.LANDING_CHECKPOINT_INTERVAL, "2s");
        settings.put(AlluviumSettings.SPARK_HEAP, "1g");
        settings.putAll(overrides);
        settings.forEach((k, v) -> common.addAll(List.of("--set", k + "=" + v)));
    }

    /** The same settings as the commands get, for starting a job directly (crash tests). */
    AlluviumConfig config() {
        return AlluviumConfig.defaults().with(settings, "test");
    }

    Path dataDir() {
        return dataDir;
    }

    /** Runs {@code alluvium <command...>} with this platform's settings appended. */
    Result run(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(common);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * Starts {@code alluvium <command...>} with this platform's settings in a JVM of its own, as the launcher
     * does: for a test that kills a service while the command runs. Its standard output and error go to
     * {@code <output>.out} and {@code <output>.err}.
     */
    Process spawn(Path output, String... command) {
        Path cli = ChildJvm.home().resolve("cli");
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dalluvium.home=" + ChildJvm.home(), "-cp"));
        try {
            args.add(cli.resolve("target/classes") + java.io.File.pathSeparator
                    + Files.readString(cli.resolve("target/classpath.txt")).strip());
            args.add(Main.class.getName());
            args.addAll(List.of(command));
            args.addAll(common);
            return new ProcessBuilder(args)
                    .redirectOutput(output.resolveSibling(output.getFileName() + ".out").toFile())
                    .redirectError(output.resolveSibling(output.getFileName() + ".err").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a spawned command has written to {@code file} so far; empty before it wrote anything. */
    static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
