package io.alluvium.flink.landing;

import io.alluvium.flink.run.StreamingJobMain;

/**
 * Child JVM main of the landing job: {@code alluvium stream start landing} runs it continuously (until
 * SIGTERM), the demo with {@code --until-caught-up} (until what the topics held at its start is in Bronze).
 */
public final class LandingJobMain {
    private LandingJobMain() {
    }

    public static void main(String[] args) {
        StreamingJobMain.main(args, LandingJobMain.class.getSimpleName(), LandingJob::new);
    }
}
