package io.alluvium.domain;

/**
 * The platform's two continuous Flink jobs (docs/architecture.md) and the Kafka consumer group each commits its
 * positions under at every checkpoint: named once here because the jobs commit them and {@code alluvium doctor}
 * measures their lag.
 */
public enum StreamJob {
    LANDING("landing", "alluvium-landing"),
    REALTIME("realtime", "alluvium-realtime");

    private final String jobName;
    private final String consumerGroup;

    StreamJob(String jobName, String consumerGroup) {
        this.jobName = jobName;
        this.consumerGroup = consumerGroup;
    }

    /** The name {@code alluvium stream start} takes. */
    public String jobName() {
        return jobName;
    }

    public String consumerGroup() {
        return consumerGroup;
    }
}
