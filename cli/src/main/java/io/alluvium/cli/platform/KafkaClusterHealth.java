package io.alluvium.cli.platform;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.domain.Topic;
import io.alluvium.runtime.EmbeddedKafka;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * The health of the embedded Kafka's nodes as the cluster sees them ({@code alluvium status} with
 * {@code kafka.nodes} > 1): each node's role, whether it is the controller quorum's leader, whether it is
 * registered, and on how many of the platform's partitions it holds a replica that is in sync. A node whose process
 * runs but that the cluster has fenced, or that lags, shows it here.
 */
final class KafkaClusterHealth implements ClusterHealth {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final EmbeddedKafka kafka;
    private final Set<Integer> registered;
    private final int quorumLeader;
    private final Collection<TopicDescription> topics;

    private KafkaClusterHealth(EmbeddedKafka kafka, Set<Integer> registered, int quorumLeader,
                               Collection<TopicDescription> topics) {
        this.kafka = kafka;
        this.registered = registered;
        this.quorumLeader = quorumLeader;
        this.topics = topics;
    }

    /** Asks the cluster through every node's address; a cluster that does not answer is health too. */
    static KafkaClusterHealth probe(AlluviumConfig config) {
        EmbeddedKafka kafka = EmbeddedKafka.of(config);
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "alluvium-status",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()))) {
            Set<Integer> registered = admin.describeCluster().nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .stream().map(Node::id).collect(Collectors.toSet());
            int leader = admin.describeMetadataQuorum().quorumInfo().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .leaderId();
            List<String> names = Arrays.stream(Topic.values()).map(Topic::topicName).toList();
            Collection<TopicDescription> topics = admin.describeTopics(names).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).values();
            return new KafkaClusterHealth(kafka, registered, leader, topics);
        } catch (ExecutionException | TimeoutException e) {
            return new KafkaClusterHealth(kafka, Set.of(), -1, List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new KafkaClusterHealth(kafka, Set.of(), -1, List.of());
        }
    }

    @Override
    public Optional<String> of(String name) {
        return kafka.nodes().stream().filter(node -> kafka.processName(node).equals(name)).findFirst()
                .map(this::of);
    }

    private String of(EmbeddedKafka.Node node) {
        String role = EmbeddedKafka.ROLE + (node.id() == quorumLeader ? " (quorum leader)" : "");
        if (quorumLeader < 0) {
            return role + ", the cluster does not answer";
        }
        if (!registered.contains(node.id())) {
            return role + ", not registered with the cluster";
        }
        List<TopicPartitionInfo> hosted = topics.stream().flatMap(t -> t.partitions().stream())
                .filter(p -> p.replicas().stream().anyMatch(r -> r.id() == node.id())).toList();
        long inSync = hosted.stream().filter(p -> p.isr().stream().anyMatch(r -> r.id() == node.id())).count();
        long leads = hosted.stream().filter(p -> p.leader() != null && p.leader().id() == node.id()).count();
        return role + ", registered, in sync on " + inSync + " of " + hosted.size() + " partitions, leads " + leads;
    }
}
