package io.alluvium.services;

import io.alluvium.runtime.ChildProtocol;
import io.alluvium.runtime.ServiceRunner;

/**
 * Child JVM main of the embedded object store ({@code alluvium up} with {@code object-store.embedded}): says ready
 * with its endpoint once it serves, serves until SIGTERM.
 */
public final class ObjectStoreMain {
    private ObjectStoreMain() {
    }

    public static void main(String[] args) {
        ChildProtocol.main(args, (config, jobArgs, out) ->
                ServiceRunner.runUntilTerminated("object-store", ObjectStore.of(config), out));
    }
}
