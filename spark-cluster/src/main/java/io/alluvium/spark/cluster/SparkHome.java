package io.alluvium.spark.cluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A worker's Spark home, made from the worker's own classpath, since there is no Spark distribution: a worker
 * launches each executor with {@code $SPARK_HOME/jars/*} and {@code $SPARK_HOME/conf}, so {@code jars/} holds a link
 * to every jar of this module's classpath except Alluvium's own (the job jar brings those, and one copy must win),
 * and {@code conf/} the executors' log configuration. Rebuilt at every start, so it follows the build.
 *
 * @param root the home, which the worker's JVM was told as {@code SPARK_HOME}
 */
record SparkHome(Path root) {
    private static final String EXECUTOR_LOG_CONFIGURATION = "executor-log4j2.properties";

    static SparkHome prepare(Path root, String classpath) throws IOException {
        if (!root.toString().equals(System.getenv("SPARK_HOME"))) {
            throw new IllegalStateException("SPARK_HOME must be " + root + " (it is " + System.getenv("SPARK_HOME")
                    + "): start the worker as `alluvium up` does");
        }
        SparkHome home = new SparkHome(root);
        deleteRecursively(home.jars());
        Files.createDirectories(home.jars());
        for (String entry : classpath.split(File.pathSeparator)) {
            Path jar = Path.of(entry).toAbsolutePath();
            String name = jar.getFileName().toString();
            if (Files.isRegularFile(jar) && name.endsWith(".jar") && !name.startsWith("alluvium-")) {
                Files.createSymbolicLink(home.jars().resolve(name), jar);
            }
        }
        Files.createDirectories(home.conf());
        try (InputStream log = Objects.requireNonNull(
                SparkHome.class.getResourceAsStream("/" + EXECUTOR_LOG_CONFIGURATION), EXECUTOR_LOG_CONFIGURATION)) {
            Files.copy(log, home.conf().resolve("log4j2.properties"), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.createDirectories(home.work());
        return home;
    }

    Path jars() {
        return root.resolve("jars");
    }

    Path conf() {
        return root.resolve("conf");
    }

    /** The worker's work directory: one directory per application, with its executors' logs and fetched jars. */
    Path work() {
        return root.resolve("work");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
