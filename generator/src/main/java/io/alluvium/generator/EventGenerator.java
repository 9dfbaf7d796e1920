package io.alluvium.generator;

import io.alluvium.domain.Topic;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * The marketplace's three event streams as Kafka records, with no Kafka: a pure function of the plan
 * (same plan, same bytes). Each topic has its own random stream, so a topic's records do not depend on
 * how the topics are interleaved when sent.
 */
public final class EventGenerator {
    private final GeneratorPlan plan;

    public EventGenerator(GeneratorPlan plan) {
        this.plan = plan;
    }

    public GeneratorPlan plan() {
        return plan;
    }

    /** The records of one topic, in sending order. */
    public Iterator<GeneratedRecord> records(Topic topic) {
        return streams().get(topic.ordinal());
    }

    /**
     * All records of the run, the topics interleaved so that their event times advance together (the
     * next record always comes from the topic that is furthest behind in its own stream).
     */
    public Iterator<GeneratedRecord> all() {
        List<TopicStream> streams = streams();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                for (TopicStream s : streams) {
                    if (s.hasNext()) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public GeneratedRecord next() {
                TopicStream behind = null;
                for (TopicStream s : streams) {
                    if (s.hasNext() && (behind == null
                            || s.emitted() * behind.total() < behind.emitted() * s.total())) {
                        behind = s;
                    }
                }
                if (behind == null) {
                    throw new NoSuchElementException();
                }
                return behind.next();
            }
        };
    }

    private List<TopicStream> streams() {
        // The marketplace (users, products, cities) is the seed's; each run of it has its own events and ids.
        Marketplace market = new Marketplace(plan.seed(), plan.zipfExponent());
        long runSeed = plan.seed() + (plan.run() - 1) * 0x9E3779B97F4A7C15L;
        String idStem = plan.run() == 1 ? Long.toString(plan.seed()) : plan.seed() + "-" + plan.run();
        Orders orders = new Orders(market, new SpendingBands(plan.fraud().amountFactor(), plan.zipfExponent()),
                runSeed, plan.run());
        long orderEvents = plan.records(Topic.ORDERS);
        long schemaV2From = (long) Math.ceil(plan.schemaV2At() * orderEvents);
        // the orders and the payments streams each ask their own planter, which decide alike
        List<TopicEvents> events = List.of(
                new ClickstreamEvents(market, idStem),
                new OrderEvents(market, orders, idStem, schemaV2From,
                        new FraudPlanter(plan, market, orders, idStem, runSeed)),
                new PaymentEvents(market, orders, idStem, plan.records(Topic.PAYMENTS), orderEvents / 2,
                        new CardWallets(runSeed, plan.fraud()),
                        new FraudPlanter(plan, market, orders, idStem, runSeed)));
        SplittableRandom root = new SplittableRandom(~runSeed);
        List<TopicStream> streams = new ArrayList<>();
        for (TopicEvents e : events) {
            streams.add(new TopicStream(e, plan, root.split()));
        }
        return streams;
    }
}
