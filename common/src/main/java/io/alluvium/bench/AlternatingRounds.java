package io.alluvium.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The round loop of every bench: each round runs every contender once, in the order they were added —
 * the baselines first, Alluvium's own last (baseline, ours, baseline, ours, ...) — so that a busy moment
 * of a shared machine or the JIT still warming up hits both sides alike rather than one of them, and
 * there are enough rounds ({@link #MIN_ROUNDS}) for a median (docs/benchmarks.md, "How the benches
 * measure").
 *
 * @param <R> what one contender's round measured
 * @param <E> what a round may throw
 */
public final class AlternatingRounds<R, E extends Exception> {
    /** A median of fewer rounds is one of two rounds, or the only one. */
    public static final int MIN_ROUNDS = 3;

    /** One contender's round. */
    @FunctionalInterface
    public interface Round<R, E extends Exception> {
        R run(int round) throws E;
    }

    /** Told before each contender's round, e.g. to show progress. */
    @FunctionalInterface
    public interface Listener {
        void starting(int round, int rounds, String contender);
    }

    private final int rounds;
    private final Map<String, Round<R, E>> contenders = new LinkedHashMap<>();

    public AlternatingRounds(int rounds) {
        if (rounds < MIN_ROUNDS) {
            throw new IllegalArgumentException("a bench runs at least " + MIN_ROUNDS + " rounds, got " + rounds);
        }
        this.rounds = rounds;
    }

    /** Adds a contender: baselines first, Alluvium's own last. */
    public AlternatingRounds<R, E> contender(String name, Round<R, E> round) {
        if (contenders.putIfAbsent(name, round) != null) {
            throw new IllegalArgumentException("two contenders named \"" + name + "\"");
        }
        return this;
    }

    public int rounds() {
        return rounds;
    }

    /** Runs every round; each contender's results in round order, contenders in the order they were added. */
    public Map<String, List<R>> run(Listener listener) throws E {
        if (contenders.size() < 2) {
            throw new IllegalStateException("a bench compares at least two contenders, got " + contenders.keySet());
        }
        Map<String, List<R>> results = new LinkedHashMap<>();
        contenders.keySet().forEach(name -> results.put(name, new ArrayList<>()));
        for (int round = 1; round <= rounds; round++) {
            for (Map.Entry<String, Round<R, E>> contender : contenders.entrySet()) {
                listener.starting(round, rounds, contender.getKey());
                results.get(contender.getKey()).add(contender.getValue().run(round));
            }
        }
        results.replaceAll((name, list) -> List.copyOf(list));
        return results;
    }
}
