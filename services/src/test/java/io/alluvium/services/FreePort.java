package io.alluvium.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A port on 127.0.0.1 that nothing listens on right now, so tests never collide with a running platform. */
final class FreePort {
    private FreePort() {
    }

    static int next() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LocalPort.HOST))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
