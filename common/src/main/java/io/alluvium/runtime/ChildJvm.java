package io.alluvium.runtime;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.MemorySize;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A main class of one of Alluvium's engine modules, run in a JVM of its own as {@code spark-submit}
 * or {@code flink run} would: Spark, Flink and the Kafka broker each bring their own Jackson, Netty,
 * Scala and Guava, so they never share a classpath. The module's build writes its runtime classpath
 * to {@code target/classpath.txt}; optional JVM flags live in {@code <module>/jvm-options.txt}, one per line
 * ({@code #} a comment, {@code @path} another module's file, relative to this module).
 *
 * <p>The settings reach the child in {@code run/<name>.properties}, a file only the owner can read, which the
 * child deletes as soon as it has read it ({@link ChildProtocol#main}): a password set in the settings is on disk
 * only for the child's first second, and never on its command line, where {@code ps} would show it. The passwords
 * Alluvium generates for its embedded services are not settings at all: each process reads them from the data
 * directory's owner-only {@code secrets/} ({@link GeneratedPassword}).
 *
 * @param name      process name: log file {@code logs/<name>.log}, settings {@code run/<name>.properties}
 * @param module    module directory under the installation, e.g. {@code spark-jobs}
 * @param mainClass the main class, which reads the settings file as its first argument
 * @param heap      the JVM's maximum heap
 * @param args      the job's own arguments
 * @param environment variables set for the child beside the CLI's own (a Spark worker's home)
 */
public record ChildJvm(String name, String module, String mainClass, MemorySize heap, List<String> args,
                       Map<String, String> environment) {

    /** A child that runs in the CLI's environment. */
    public ChildJvm(String name, String module, String mainClass, MemorySize heap, List<String> args) {
        this(name, module, mainClass, heap, args, Map.of());
    }

    /** Where Alluvium is installed (the source tree): {@code -Dalluvium.home}, {@code ALLUVIUM_HOME}, or cwd. */
    public static Path home() {
        String prop = System.getProperty("alluvium.home");
        if (prop == null || prop.isBlank()) {
            prop = System.getenv("ALLUVIUM_HOME");
        }
        return Path.of(prop == null || prop.isBlank() ? "." : prop).toAbsolutePath().normalize();
    }

    /** The full command line; the settings file is written first, readable only by the owner, for the child to delete. */
    public List<String> command(AlluviumConfig config) {
        return command(config, DataDir.of(config).create().tmp());
    }

    /** The full command line, with {@code tmpDir} as the JVM's {@code java.io.tmpdir}. */
    public List<String> command(AlluviumConfig config, Path tmpDir) {
        DataDir dataDir = DataDir.of(config).create();
        Path moduleDir = home().resolve(module);
        Path classpathFile = moduleDir.resolve("target/classpath.txt");
        Path classes = moduleDir.resolve("target/classes");
        if (!Files.isRegularFile(classpathFile) || !Files.isDirectory(classes)) {
            throw new IllegalStateException("module " + module + " is not built (no " + classpathFile
                    + "): run `mvn -B -DskipTests package` in " + home());
        }
        Path settings = dataDir.run().resolve(name + ".properties");
        try {
            config.writeTo(settings);
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-Xmx" + heap.jvmFlag());
            Path options = moduleDir.resolve("jvm-options.txt");
            if (Files.isRegularFile(options)) {
                for (String line : Files.readAllLines(options, StandardCharsets.UTF_8)) {
                    String flag = line.strip();
                    if (flag.startsWith("@")) { // another module's options file, as a java argument file
                        cmd.add("@" + moduleDir.resolve(flag.substring(1)).normalize());
                    } else if (!flag.isEmpty() && !flag.startsWith("#")) {
                        cmd.add(flag);
                    }
                }
            }
            cmd.add("-Dalluvium.log.file=" + dataDir.log(name));
            cmd.add("-Dalluvium.home=" + home());
            cmd.add("-Djava.io.tmpdir=" + tmpDir);
            cmd.add("-cp");
            cmd.add(classes + java.io.File.pathSeparator
                    + Files.readString(classpathFile, StandardCharsets.UTF_8).strip());
            cmd.add(mainClass);
            cmd.add(settings.toString());
            cmd.addAll(args);
            return cmd;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + name + ": " + e.getMessage(), e);
        }
    }

    /** A process builder for this JVM: stderr goes to the process's log file. */
    public ProcessBuilder processBuilder(AlluviumConfig config) {
        return processBuilder(config, DataDir.of(config).create().tmp());
    }

    /** A process builder for this JVM with {@code tmpDir} as its {@code java.io.tmpdir}. */
    public ProcessBuilder processBuilder(AlluviumConfig config, Path tmpDir) {
        DataDir dataDir = DataDir.of(config);
        ProcessBuilder pb = new ProcessBuilder(command(config, tmpDir));
        Map<String, String> env = pb.environment();
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.putAll(environment);
        pb.redirectError(ProcessBuilder.Redirect.appendTo(dataDir.log(name).toFile()));
        return pb;
    }
}
