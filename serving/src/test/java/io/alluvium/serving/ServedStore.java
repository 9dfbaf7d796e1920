package io.alluvium.serving;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The API tests' fixture: a real redis-server ({@link RealServingStore}), the {@link SpeedView} over it and the
 * {@link ServingApi} on a free port of 127.0.0.1, started once per test class and stopped after it, the store
 * emptied before each test. Register it on a static field with {@code @RegisterExtension}.
 */
final class ServedStore implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    private Path dataDir;
    private RealServingStore store;
    private SpeedView view;
    private ServingApi api;

    RealServingStore store() {
        return store;
    }

    SpeedView view() {
        return view;
    }

    ServingApi api() {
        return api;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            dataDir = Files.createTempDirectory("served-store");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store = RealServingStore.start(dataDir);
        view = SpeedView.open(store.endpoint(), 4);
        api = ServingApi.start(view, ServedView.LAMBDA, "127.0.0.1", 0);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (api != null) {
            api.close();
        }
        if (view != null) {
            view.close();
        }
        if (store != null) {
            store.close();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        store.writer().flushAll();
    }
}
