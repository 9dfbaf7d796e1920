package io.alluvium.cli;

import io.alluvium.runtime.ChildProtocol;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Turns a child's progress messages into one progress bar per stage on a terminal; off a terminal
 * (CI, pipes) it stays silent, since the result table says what happened. A child works through its
 * stages one after the other ("silver orders", then "silver payments"), so a message of another stage
 * ends the current one: its bar is completed and closed, and no bar is left behind part-way with its
 * timer running. When the job ends, the last bar is closed where the job left it.
 */
public final class ProgressDisplay implements Consumer<ChildProtocol.Message>, AutoCloseable {
    private final boolean enabled;
    private final UnaryOperator<ProgressBarBuilder> output;
    private String stage;
    private ProgressBar bar;

    public ProgressDisplay(boolean enabled) {
        this(enabled && Console.interactive(), UnaryOperator.identity());
    }

    /** @param output where the bars are drawn (the library's console by default; a test captures them) */
    public ProgressDisplay(boolean enabled, UnaryOperator<ProgressBarBuilder> output) {
        this.enabled = enabled;
        this.output = output;
    }

    @Override
    public void accept(ChildProtocol.Message message) {
        if (message.kind() == ChildProtocol.Kind.PROGRESS) {
            update(message.text(), message.done(), message.total());
        }
    }

    /** Sets a stage's bar to {@code done} of {@code total}, ending the previous stage's. */
    public void update(String stage, long done, long total) {
        if (!enabled) {
            return;
        }
        long max = Math.max(total, 1);
        if (!stage.equals(this.stage)) {
            endStage();
            this.stage = stage;
            bar = output.apply(new ProgressBarBuilder()
                            .setTaskName(stage)
                            .setInitialMax(max)
                            .setStyle(ProgressBarStyle.ASCII)
                            .setUpdateIntervalMillis(200)
                            .continuousUpdate())
                    .build();
        }
        bar.maxHint(max);
        bar.stepTo(Math.min(done, max));
    }

    private void endStage() {
        if (bar != null) {
            bar.stepTo(bar.getMax());
            bar.close();
            bar = null;
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
