package io.alluvium.services;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.ChildProtocol;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import io.alluvium.runtime.KafkaEndpoints;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * Child JVM main of the baseline of {@code alluvium bench ingest}: Kafka's own producer performance tool
 * ({@code kafka-producer-perf-test}, {@link ProducerPerformance}) run against the platform's broker, so
 * that the generator's throughput is judged against what Kafka itself achieves on the same machine. It
 * lives beside the broker because the tool needs the broker's release of the Kafka classes.
 *
 * <p>Arguments: {@code --topic T --partitions P --num-records N --payload-file F [--producer-prop k=v]...}.
 * The topic is created with P partitions if missing; the tool sends N records drawn from the payload file
 * (one record per line) as fast as the broker takes them. Result: the tool's summary as JSON. Fewer
 * acknowledged records than N fails the run, since the tool itself only prints failed sends.
 */
public final class ProducerBaselineMain {
    private ProducerBaselineMain() {
    }

    public static void main(String[] args) {
        ChildProtocol.main(args, ProducerBaselineMain::run);
    }

    static void run(AlluviumConfig config, String[] args, ChildProtocol out) throws Exception {
        Arguments arguments = Arguments.parse(args);
        String bootstrapServers = KafkaEndpoints.bootstrapServers(config);
        ensureTopic(bootstrapServers, arguments.topic(), arguments.partitions());
        String printed = printedBy(() -> ProducerPerformance.main(arguments.toolArgs(bootstrapServers)));
        Summary summary = Summary.parse(printed).orElseThrow(() -> new IllegalStateException(
                "ProducerPerformance printed no summary line (its output is in the log)"));
        if (summary.records() != arguments.numRecords()) {
            throw new IllegalStateException("ProducerPerformance: the broker acknowledged " + summary.records()
                    + " of " + arguments.numRecords() + " records (the failed sends are in the log)");
        }
        out.result(summary.toJson());
    }

    /** What the tool prints on stdout (its windowed figures and the summary), copied to the log as well. */
    private static String printedBy(ToolRun tool) throws Exception {
        PrintStream log = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Locale locale = Locale.getDefault();
        // The tool formats numbers with the default locale: "1234,5 records/sec" would not parse.
        Locale.setDefault(Locale.ROOT);
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            tool.run();
        } finally {
            System.setOut(log);
            Locale.setDefault(locale);
            log.print(printed.toString(StandardCharsets.UTF_8));
            log.flush();
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    private interface ToolRun {
        void run() throws Exception;
    }

    private static void ensureTopic(String bootstrapServers, String topic, int partitions)
            throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** The job's arguments, checked before anything is sent. */
    record Arguments(String topic, int partitions, long numRecords, Path payloadFile, Map<String, String> producerProps) {

        static Arguments parse(String[] args) {
            Map<String, String> single = new LinkedHashMap<>();
            Map<String, String> props = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new BadInputException(args[i] + " needs a value");
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--topic", "--partitions", "--num-records", "--payload-file" -> single.put(args[i], value);
                    case "--producer-prop" -> {
                        int eq = value.indexOf('=');
                        if (eq <= 0) {
                            throw new BadInputException("--producer-prop expects KEY=VALUE, got \"" + value + "\"");
                        }
                        props.put(value.substring(0, eq), value.substring(eq + 1));
                    }
                    default -> throw new BadInputException("unknown argument " + args[i]
                            + " (expected --topic, --partitions, --num-records, --payload-file, --producer-prop)");
                }
            }
            Path payload = Path.of(required(single, "--payload-file"));
            if (!Files.isRegularFile(payload)) {
                throw new BadInputException("--payload-file " + payload + ": no such file");
            }
            return new Arguments(required(single, "--topic"), (int) positive(single, "--partitions", Integer.MAX_VALUE),
                    positive(single, "--num-records", Long.MAX_VALUE), payload, props);
        }

        private static String required(Map<String, String> args, String name) {
            String value = args.get(name);
            if (value == null || value.isBlank()) {
                throw new BadInputException("missing " + name);
            }
            return value;
        }

        private static long positive(Map<String, String> args, String name, long max) {
            String value = required(args, name);
            try {
                long n = Long.parseLong(value);
                if (n > 0 && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new BadInputException(name + " expects a positive whole number, got \"" + value + "\"");
        }

        /** The tool's command line: no throttling, the given producer settings, the platform's broker. */
        String[] toolArgs(String bootstrapServers) {
            List<String> tool = new ArrayList<>(List.of("--topic", topic, "--num-records", Long.toString(numRecords),
                    "--payload-file", payloadFile.toString(), "--throughput", "-1", "--producer-props",
                    "bootstrap.servers=" + bootstrapServers));
            producerProps.forEach((k, v) -> tool.add(k + "=" + v));
            return tool.toArray(String[]::new);
        }
    }

    /** The tool's closing line: totals over the whole run (MB = 2^20 bytes, as the tool counts). */
    record Summary(long records, double recordsPerSecond, double mbPerSecond, double avgLatencyMs,
                   double maxLatencyMs, long p50Ms, long p95Ms, long p99Ms, long p999Ms) {
        private static final Pattern LINE = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec "
                + "\\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, (\\d+) ms 50th, "
                + "(\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99.9th");

        /** The last summary line in the tool's output; windowed lines (no percentiles) are skipped. */
        static Optional<Summary> parse(String printed) {
            Summary last = null;
            for (String line : printed.split("\n")) {
                Matcher m = LINE.matcher(line);
                if (m.find()) {
                    last = new Summary(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)),
                            Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)),
                            Double.parseDouble(m.group(5)), Long.parseLong(m.group(6)), Long.parseLong(m.group(7)),
                            Long.parseLong(m.group(8)), Long.parseLong(m.group(9)));
                }
            }
            return Optional.ofNullable(last);
        }

        double seconds() {
            return recordsPerSecond == 0 ? 0 : records / recordsPerSecond;
        }

        String toJson() {
            return String.format(Locale.ROOT, "{\"records\": %d, \"records_per_s\": %.1f, \"mb_per_s\": %.2f, "
                            + "\"seconds\": %.3f, \"avg_latency_ms\": %.2f, \"max_latency_ms\": %.2f, "
                            + "\"p50_latency_ms\": %d, \"p95_latency_ms\": %d, \"p99_latency_ms\": %d, "
                            + "\"p999_latency_ms\": %d}", records, recordsPerSecond, mbPerSecond, seconds(),
                    avgLatencyMs, maxLatencyMs, p50Ms, p95Ms, p99Ms, p999Ms);
        }
    }
}
