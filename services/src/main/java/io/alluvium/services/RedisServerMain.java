package io.alluvium.services;

import io.alluvium.runtime.ChildProtocol;
import io.alluvium.runtime.ServiceRunner;

/**
 * Child JVM main of the embedded serving store ({@code alluvium up}): runs {@code redis-server} as its
 * own child process, says ready with the URL once PING answers, serves until SIGTERM, then shuts Redis
 * down with a final save.
 */
public final class RedisServerMain {
    private RedisServerMain() {
    }

    public static void main(String[] args) {
        ChildProtocol.main(args, (config, jobArgs, out) ->
                ServiceRunner.runUntilTerminated("serving-store", ServingStore.of(config), out));
    }
}
