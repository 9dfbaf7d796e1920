package io.alluvium.serving;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.channels.UnresolvedAddressException;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * {@link ServingApi} could not listen on the host and port it was given, and why: each cause has its own remedy
 * (another port, an address of this machine, a port from 1024 up), so that the message can name the setting to
 * change. The server reports all of them alike, as a port in use.
 */
public final class CannotListen extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the server could not listen. */
    public enum Reason {
        PORT_IN_USE, ADDRESS_NOT_HERE, UNKNOWN_HOST, NOT_PERMITTED
    }

    private final Reason reason;

    private CannotListen(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Tells the causes of a failed bind apart: the host, when it is not this machine's, before the port. */
    static CannotListen of(String host, int port, Throwable failure) {
        if (causes(failure).anyMatch(UnresolvedAddressException.class::isInstance)) {
            return new CannotListen(Reason.UNKNOWN_HOST, host + " is not a host name this machine knows", failure);
        }
        if (!localAddress(host)) {
            return new CannotListen(Reason.ADDRESS_NOT_HERE, host + " is not an address of this machine", failure);
        }
        if (causes(failure).anyMatch(t -> t instanceof BindException
                && String.valueOf(t.getMessage()).contains("Permission denied"))) {
            return new CannotListen(Reason.NOT_PERMITTED, "listening on port " + port + " of " + host
                    + " is not permitted to this user (ports below 1024 need privileges)", failure);
        }
        return new CannotListen(Reason.PORT_IN_USE, "port " + port + " on " + host + " is already in use", failure);
    }

    private static boolean localAddress(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isAnyLocalAddress() || address.isLoopbackAddress()
                    || NetworkInterface.getByInetAddress(address) != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static Stream<Throwable> causes(Throwable failure) {
        return Stream.iterate(failure, Objects::nonNull, Throwable::getCause);
    }
}
