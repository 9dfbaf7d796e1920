package io.alluvium.spark;

/** Where jobs report their stage; the CLI shows it as a progress bar (ChildProtocol progress lines). */
@FunctionalInterface
public interface ProgressListener {
    void stage(String stage, long done, long total);

    ProgressListener NONE = (stage, done, total) -> { };
}
