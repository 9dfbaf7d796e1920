package io.alluvium.services;

import io.alluvium.runtime.ChildProtocol.BadInputException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Checks that a service's port on 127.0.0.1 is free before the service starts, so that a port held by
 * another process (often a platform already running) is one clear sentence naming the setting to change,
 * instead of an engine's bind stack trace seconds later.
 */
final class LocalPort {
    static final String HOST = "127.0.0.1";

    private LocalPort() {
    }

    static void requireFree(int port, String settingKey) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw new BadInputException("port " + port + " on " + HOST + " is already in use (setting "
                    + settingKey + "): stop what holds it (is the platform already up?) or set "
                    + settingKey + " in alluvium.yaml");
        }
    }
}
