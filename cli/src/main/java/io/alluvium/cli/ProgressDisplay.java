package io.alluvium.cli;

import io.alluvium.runtime.ChildProtocol;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Turns a child's progress messages into one progress bar per stage on a terminal; off a terminal
 * (CI, pipes) it stays silent, since the result table says what happened.
 */
final class ProgressDisplay implements Consumer<ChildProtocol.Message>, AutoCloseable {
    private final boolean enabled;
    private final Map<String, ProgressBar> bars = new LinkedHashMap<>();

    ProgressDisplay(boolean enabled) {
        this.enabled = enabled && Console.interactive();
    }

    @Override
    public void accept(ChildProtocol.Message message) {
        if (message.kind() == ChildProtocol.Kind.PROGRESS) {
            update(message.text(), message.done(), message.total());
        }
    }

    /** Sets a stage's bar to {@code done} of {@code total}. */
    void update(String stage, long done, long total) {
        if (!enabled) {
            return;
        }
        ProgressBar bar = bars.computeIfAbsent(stage, s -> new ProgressBarBuilder()
                .setTaskName(s)
                .setInitialMax(Math.max(total, 1))
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200)
                .continuousUpdate()
                .build());
        bar.maxHint(Math.max(total, 1));
        bar.stepTo(Math.min(done, Math.max(total, 1)));
    }

    @Override
    public void close() {
        bars.values().forEach(ProgressBar::close);
        bars.clear();
    }
}
