package io.alluvium.services;

import io.alluvium.runtime.ChildProtocol;
import io.alluvium.runtime.ServiceRunner;

/**
 * Child JVM main of the embedded Kafka broker ({@code alluvium up}): ready line with the bootstrap
 * servers once topics exist, then serves until SIGTERM.
 */
public final class KafkaBrokerMain {
    private KafkaBrokerMain() {
    }

    public static void main(String[] args) {
        ChildProtocol.main(args, (config, jobArgs, out) ->
                ServiceRunner.runUntilTerminated("kafka-broker", EmbeddedKafkaBroker.of(config), out));
    }
}
