package io.alluvium.cli.serving;

import io.alluvium.cli.Console;
import io.alluvium.cli.JobFailure;
import io.alluvium.cli.PlatformCommand;
import io.alluvium.cli.UserError;
import io.alluvium.cli.platform.Preflight;
import io.alluvium.serving.CityHourReads;
import io.alluvium.serving.ServedView;
import io.alluvium.serving.SpeedView;
import io.alluvium.serving.StoreContractException;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import redis.clients.jedis.exceptions.JedisException;

/**
 * {@code alluvium watch}: a live console view of the serving store, redrawn every {@code --interval} until
 * Ctrl-C. One frame only with {@code --once}, with {@code --json}, or when stdout is not a terminal (a pipe or a
 * file would otherwise fill with frames).
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Watch the serving store live: top cities by paid amount in the current UTC hour (or the "
                + "newest hour it has) as serving.view answers them (batch up to the batch watermark, speed after), "
                + "the latest alerts and the counts, redrawn every --interval until Ctrl-C.")
public final class WatchCommand extends PlatformCommand {
    static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    static final Duration MAX_INTERVAL = Duration.ofHours(1);
    private static final String CLEAR_SCREEN = "\033[H\033[2J";

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s",
            description = "Time between frames, e.g. 500ms, 2s (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--once", description = "Print one frame and exit (also with --json, or when stdout is not a terminal).")
    boolean once;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "Cities shown (default: ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() throws InterruptedException {
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new UserError("--interval must be between 100ms and 1h, got " + interval.toMillis() + "ms");
        }
        if (top < 1 || top > 1000) {
            throw new UserError("--top must be between 1 and 1000, got " + top);
        }
        try (SpeedView view = Preflight.speedView(config(), 1)) {
            CityHourReads cityHours = new CityHourReads(view, ServedView.of(config()));
            if (once || console().json() || !Console.interactive()) {
                show(frame(view, cityHours));
                return 0;
            }
            while (!Thread.currentThread().isInterrupted()) {
                console().out().print(CLEAR_SCREEN);
                try {
                    show(frame(view, cityHours));
                } catch (JobFailure e) {
                    console().error(e.getMessage() + "; trying again every " + interval.toMillis() + "ms");
                }
                Thread.sleep(interval.toMillis());
            }
            return 0;
        }
    }

    /** A frame now; a store that fails while read, or holds what breaks the contract, is a {@link JobFailure}. */
    private WatchFrame frame(SpeedView view, CityHourReads cityHours) {
        try {
            return WatchFrame.read(view, cityHours, Instant.now(), top);
        } catch (JedisException | StoreContractException e) {
            throw new JobFailure("serving store " + view.endpoint() + ": " + e.getMessage());
        }
    }

    private void show(WatchFrame frame) {
        if (console().json()) {
            console().printJson(frame.toJson());
        } else {
            frame.print(console());
        }
    }
}
