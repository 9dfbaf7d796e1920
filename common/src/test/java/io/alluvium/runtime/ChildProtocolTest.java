package io.alluvium.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChildProtocolTest {
    @Test
    void whatAChildSaysIsWhatTheCliReads() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ChildProtocol out = new ChildProtocol(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        out.progress("landing orders", 40, 100);
        out.result("{\"a\":\n1}");
        out.error("table bronze.x does not exist");
        out.ready("127.0.0.1:19092");
        List<ChildProtocol.Message> msgs = bytes.toString(StandardCharsets.UTF_8).lines()
                .map(ChildProtocol::parse).map(java.util.Optional::orElseThrow).toList();
        assertThat(msgs).containsExactly(
                new ChildProtocol.Message(ChildProtocol.Kind.PROGRESS, "landing orders", 40, 100),
                new ChildProtocol.Message(ChildProtocol.Kind.RESULT, "{\"a\": 1}", 0, 0),
                new ChildProtocol.Message(ChildProtocol.Kind.ERROR, "table bronze.x does not exist", 0, 0),
                new ChildProtocol.Message(ChildProtocol.Kind.READY, "127.0.0.1:19092", 0, 0));
    }

    @Test
    void engineLogLinesAreNotProtocol() {
        assertThat(ChildProtocol.parse("INFO SparkContext: Running Spark version 4.1.1")).isEmpty();
        assertThat(ChildProtocol.parse("@alluvium progress x y z")).isEmpty();
    }
}
