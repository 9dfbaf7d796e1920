package io.alluvium.flink.testing;

import io.alluvium.runtime.ChildProtocol;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** A protocol channel whose lines a test reads back, as the CLI would. */
public final class ProtocolCapture {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ChildProtocol protocol = new ChildProtocol(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    public ChildProtocol protocol() {
        return protocol;
    }

    public List<ChildProtocol.Message> messages() {
        return bytes.toString(StandardCharsets.UTF_8).lines().map(ChildProtocol::parse)
                .flatMap(Optional::stream).toList();
    }
}
