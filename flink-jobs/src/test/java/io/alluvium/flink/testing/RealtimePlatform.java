package io.alluvium.flink.testing;

import io.alluvium.config.AlluviumConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.util.FileUtils;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * What a realtime test class runs against, for the class's lifetime: the broker and the serving store's
 * redis-server ({@link EmbeddedPlatform#startWithServingStore}) on a data directory of the class's own,
 * started before its first test and stopped after its last, together with whatever the class opened on
 * it ({@link #open}, e.g. its crafted senders). The data directory is deleted only when every test
 * passed: after a failure it is kept, since its logs say why. Register it on a static field with
 * {@code @RegisterExtension}; it exists so that each realtime test states only its settings.
 */
public final class RealtimePlatform implements BeforeAllCallback, AfterAllCallback, TestWatcher {
    private final Map<String, String> settings;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private Path dataDir;
    private EmbeddedPlatform platform;
    private boolean testFailed;

    /** {@code settings} are added to {@link EmbeddedPlatform}'s test defaults. */
    public RealtimePlatform(Map<String, String> settings) {
        this.settings = settings;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory(context.getRequiredTestClass().getSimpleName() + "-");
        platform = EmbeddedPlatform.startWithServingStore(dataDir, settings);
    }

    /** Opens something on this platform's settings; it is closed before the platform stops. */
    public <T extends AutoCloseable> T open(Function<AlluviumConfig, T> opener) {
        T resource = opener.apply(config());
        opened.push(resource);
        return resource;
    }

    public AlluviumConfig config() {
        if (platform == null) {
            throw new IllegalStateException("the platform starts before the test class's first test");
        }
        return platform.config();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        testFailed = true;
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            while (!opened.isEmpty()) {
                opened.pop().close();
            }
        } finally {
            if (platform != null) {
                platform.close();
            }
        }
        if (dataDir == null) {
            return;
        }
        if (testFailed || context.getExecutionException().isPresent()) {
            System.out.println("kept the data directory of the failed " + context.getDisplayName() + ": " + dataDir);
        } else {
            FileUtils.deleteDirectory(dataDir.toFile());
        }
    }
}
