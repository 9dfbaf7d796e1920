package io.alluvium.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alluvium.runtime.ChildProtocol.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the baseline reads Kafka's tool: its closing summary (not the windowed lines) and its own arguments. */
class ProducerBaselineMainTest {
    @TempDir
    Path dir;

    @Test
    void theSummaryIsTheLastLineWithPercentiles() {
        String printed = """
                Reading payloads from: /tmp/p.txt
                Number of messages read: 50000
                523390 records sent, 104678.0 records/sec (21.82 MB/sec), 30.1 ms avg latency, 290.0 ms max latency.
                1000000 records sent, 116346.7 records/sec (24.24 MB/sec), 30.26 ms avg latency, 260.00 ms max latency, 17 ms 50th, 101 ms 95th, 166 ms 99th, 174 ms 99.9th.
                """;
        ProducerBaselineMain.Summary s = ProducerBaselineMain.Summary.parse(printed).orElseThrow();
        assertThat(s.records()).isEqualTo(1_000_000);
        assertThat(s.recordsPerSecond()).isEqualTo(116346.7);
        assertThat(s.mbPerSecond()).isEqualTo(24.24);
        assertThat(s.p99Ms()).isEqualTo(166);
        assertThat(s.toJson()).contains("\"records\": 1000000").contains("\"records_per_s\": 116346.7")
                .contains("\"seconds\": 8.595");
        assertThat(ProducerBaselineMain.Summary.parse("523390 records sent, 104678.0 records/sec (21.82 MB/sec), "
                + "30.1 ms avg latency, 290.0 ms max latency.")).isEmpty();
    }

    @Test
    void argumentsBecomeTheToolsCommandLine() throws IOException {
        Path payloads = Files.writeString(dir.resolve("p.txt"), "{}\n");
        ProducerBaselineMain.Arguments a = ProducerBaselineMain.Arguments.parse(new String[] {"--topic", "t",
            "--partitions", "12", "--num-records", "1000", "--payload-file", payloads.toString(),
            "--producer-prop", "acks=all", "--producer-prop", "linger.ms=10"});
        assertThat(String.join(" ", a.toolArgs("127.0.0.1:9092"))).isEqualTo("--topic t --num-records 1000 "
                + "--payload-file " + payloads + " --throughput -1 --producer-props bootstrap.servers=127.0.0.1:9092 "
                + "acks=all linger.ms=10");
        assertThat(a.partitions()).isEqualTo(12);
    }

    @Test
    void badArgumentsAreOneClearMessage() {
        assertThatThrownBy(() -> ProducerBaselineMain.Arguments.parse(new String[] {"--topic", "t", "--partitions",
            "0", "--num-records", "5", "--payload-file", dir.toString()}))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no such file");
        assertThatThrownBy(() -> ProducerBaselineMain.Arguments.parse(new String[] {"--records", "5"}))
                .isInstanceOf(BadInputException.class).hasMessageContaining("unknown argument --records");
        assertThatThrownBy(() -> ProducerBaselineMain.Arguments.parse(new String[] {"--producer-prop", "acks"}))
                .isInstanceOf(BadInputException.class).hasMessageContaining("KEY=VALUE");
    }

    @Test
    void aNonPositiveCountIsRejected() throws IOException {
        Path payloads = Files.writeString(dir.resolve("p.txt"), "{}\n");
        assertThatThrownBy(() -> ProducerBaselineMain.Arguments.parse(new String[] {"--topic", "t", "--partitions",
            "0", "--num-records", "5", "--payload-file", payloads.toString()}))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("--partitions expects a positive whole number, got \"0\"");
    }
}
