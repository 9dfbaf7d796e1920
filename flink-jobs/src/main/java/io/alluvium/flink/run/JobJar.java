package io.alluvium.flink.run;

import io.alluvium.runtime.ChildJvm;
import io.alluvium.runtime.ChildProtocol;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The job jar a session cluster runs the stream jobs from (docs/deploy.md#flink-on-a-session-cluster): this
 * module's classes with every library they need that a Flink distribution does not hold, built by the module's
 * maven-shade-plugin as {@code flink-jobs/target/alluvium-flink-jobs-job.jar}. It is sent to the cluster with each
 * submission, so the cluster needs nothing of Alluvium installed.
 */
public final class JobJar {
    static final String NAME = "alluvium-flink-jobs-job.jar";

    private JobJar() {
    }

    /** The built jar under the installation; bad input when it has not been built. */
    public static Path path() {
        Path jar = ChildJvm.home().resolve("flink-jobs").resolve("target").resolve(NAME);
        if (!Files.isRegularFile(jar)) {
            throw new ChildProtocol.BadInputException("the job jar " + jar + " is not built, and flink.cluster needs "
                    + "it: run `mvn -B -DskipTests package` in " + ChildJvm.home());
        }
        return jar;
    }
}
