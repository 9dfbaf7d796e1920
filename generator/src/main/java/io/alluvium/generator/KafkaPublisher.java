package io.alluvium.generator;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.KafkaEndpoints;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends a generator run to Kafka and reports exactly what the broker acknowledged: an idempotent
 * producer with acks=all (a retry never writes a record twice), a count per acknowledged record only,
 * and any failed send failing the run. The report is written even then, since what was acknowledged
 * will reach Bronze and reconciliation must know it.
 */
public final class KafkaPublisher {
    private static final int PROGRESS_EVERY = 2_000;

    private final String bootstrapServers;
    private final DataDir dataDir;
    private final Map<String, String> producerOverrides;

    public KafkaPublisher(String bootstrapServers, DataDir dataDir) {
        this(bootstrapServers, dataDir, Map.of());
    }

    /** {@code producerOverrides}: client settings of a cluster (TLS, SASL for MSK) or of a test. */
    public KafkaPublisher(String bootstrapServers, DataDir dataDir, Map<String, String> producerOverrides) {
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
        this.producerOverrides = Map.copyOf(producerOverrides);
    }

    public static KafkaPublisher of(AlluviumConfig config) {
        return new KafkaPublisher(KafkaEndpoints.bootstrapServers(config), DataDir.of(config));
    }

    /** A run that could not send everything; its partial report is written. */
    public static final class PublishException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient SendReport report;

        PublishException(String message, SendReport report, Throwable cause) {
            super(message, cause);
            this.report = report;
        }

        public SendReport report() {
            return report;
        }
    }

    /**
     * Sends every record of the generator's plan, made on a thread of their own ahead of the sender
     * ({@link RecordsAhead}); returns the written report.
     */
    public SendReport publish(EventGenerator generator, Progress progress) throws InterruptedException {
        try (RecordsAhead records = new RecordsAhead(generator.all())) {
            return publish(generator.plan(), records, progress);
        }
    }

    /**
     * Sends {@code records}, all of {@code plan}'s run, made before this call: a load test renders them
     * ahead (as Kafka's ProducerPerformance does its payloads) so that making them costs no CPU while the
     * load is timed. Paced and reported as {@link #publish(EventGenerator, Progress)}.
     */
    public SendReport publish(GeneratorPlan plan, Iterator<GeneratedRecord> records, Progress progress)
            throws InterruptedException {
        long total = plan.totalRecords();
        Instant startedAt = Instant.now();
        SendTally tally = new SendTally();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Pacer pacer = new Pacer(plan.rate(), plan.burstFactor());
        long startNanos = System.nanoTime();
        long offered = 0;
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(producerProperties(bootstrapServers, producerOverrides), new StringSerializer(), new ByteArraySerializer())) {
            while (records.hasNext() && failure.get() == null) {
                pacer.await(offered, startNanos);
                GeneratedRecord r = records.next();
                producer.send(new ProducerRecord<>(r.topic().topicName(), r.key(), r.value()), (meta, e) -> {
                    if (e == null) {
                        tally.record(r);
                    } else {
                        failure.compareAndSet(null, e);
                    }
                });
                if (++offered % PROGRESS_EVERY == 0) {
                    progress.sent(tally.acknowledged(), total);
                }
            }
            producer.flush();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
        progress.sent(tally.acknowledged(), total);
        Exception cause = failure.get();
        String error = cause == null ? null : "send to " + bootstrapServers + " failed after "
                + tally.acknowledged() + " of " + total + " records: " + cause.getMessage();
        SendReport report = new SendReport(SendReport.runIdOf(startedAt, plan.seed()), plan.seed(), startedAt,
                Instant.now(), tally.counts(), tally.planted(), error).writeTo(dataDir);
        if (cause != null) {
            throw new PublishException(error + " (the acknowledged records are in " + report.path(dataDir) + ")",
                    report, cause);
        }
        return report;
    }

    /**
     * The generator's producer: acks=all and idempotent whatever the overrides say, batched (linger 10 ms,
     * lz4). Its retries are unbounded within the delivery timeout of 60 s, which rides over the loss of one node of a
     * Kafka cluster: the controller fences it within 9 s and its partitions' leaders move to in-sync replicas
     * (docs/deploy.md#kafka-on-three-nodes). Public so that a bench sending probes beside a generator run sends them
     * alike.
     */
    public static Properties producerProperties(String bootstrapServers, Map<String, String> producerOverrides) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "alluvium-generator");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        p.putAll(producerOverrides);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return p;
    }
}
