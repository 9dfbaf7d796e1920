package io.alluvium.cli.platform;

import io.alluvium.cli.UserError;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks, before {@code up} starts anything, that every port of every service it is about to start is free on
 * 127.0.0.1: a port in use is reported with its setting while nothing has been started yet, and every port in
 * use is named at once, not one per attempt.
 */
final class FreePorts {
    private FreePorts() {
    }

    /** @throws UserError naming each port in use, its setting and its service */
    static void require(List<EmbeddedService> services) {
        List<String> busy = new ArrayList<>();
        List<String> blocked = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (EmbeddedService service : services) {
            for (EmbeddedService.Port port : service.ports()) {
                if (!free(port.number())) {
                    busy.add(port.number() + " (" + port.key() + ")");
                    keys.add(port.key());
                    if (!blocked.contains(service.name())) {
                        blocked.add(service.name());
                    }
                }
            }
        }
        if (busy.isEmpty()) {
            return;
        }
        boolean one = busy.size() == 1;
        throw new UserError((one ? "port " : "ports ") + String.join(", ", busy) + (one ? " is" : " are")
                + " already in use on 127.0.0.1, so " + String.join(", ", blocked) + " cannot start; nothing was"
                + " started. Stop what uses " + (one ? "it, or choose another port: " : "them, or choose other ports: ")
                + keys.stream().map(k -> "--set " + k + "=<port>").collect(Collectors.joining(" "))
                + " or in alluvium.yaml.");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
