package io.alluvium.runtime;

import io.alluvium.config.AlluviumSettings;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A job jar an engine's cluster runs the jobs from: a module's classes with every library they need that the
 * engine's distribution does not hold, built by the module's maven-shade-plugin as
 * {@code <module>/target/<name>}. It is sent to the cluster with each job, so the cluster needs nothing of Alluvium
 * installed (docs/deploy.md#flink-on-a-session-cluster, docs/deploy.md#spark-on-a-standalone-cluster).
 */
public enum JobJar {
    /** The stream jobs, for a Flink session cluster ({@code flink run} takes it too). */
    FLINK("flink-jobs", "alluvium-flink-jobs-job.jar", AlluviumSettings.FLINK_CLUSTER),
    /** The batch jobs, shipped to a Spark cluster's executors ({@code spark-submit} takes it too). */
    SPARK("spark-jobs", "alluvium-spark-jobs-job.jar", AlluviumSettings.SPARK_MASTER);

    private final String module;
    private final String fileName;
    private final String setting;

    JobJar(String module, String fileName, String setting) {
        this.module = module;
        this.fileName = fileName;
        this.setting = setting;
    }

    /** The built jar under the installation; bad input when it has not been built. */
    public Path path() {
        Path jar = ChildJvm.home().resolve(module).resolve("target").resolve(fileName);
        if (!Files.isRegularFile(jar)) {
            throw new ChildProtocol.BadInputException("the job jar " + jar + " is not built, and " + setting
                    + " needs it: run `mvn -B -DskipTests package` in " + ChildJvm.home());
        }
        return jar;
    }
}
