package io.alluvium.flink.realtime;

import io.alluvium.flink.run.StreamingJobMain;

/**
 * Child JVM main of the realtime job: {@code alluvium stream start realtime} runs it continuously (until
 * SIGTERM), the demo with {@code --until-caught-up}.
 */
public final class RealtimeJobMain {
    private RealtimeJobMain() {
    }

    public static void main(String[] args) {
        StreamingJobMain.main(args, RealtimeJobMain.class.getSimpleName(), RealtimeJob::new);
    }
}
