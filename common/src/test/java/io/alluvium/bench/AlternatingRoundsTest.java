package io.alluvium.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rounds alternate between the contenders, baseline first, and each contender's results keep their round. */
class AlternatingRoundsTest {

    @Test
    void roundsAlternateBaselineFirstAndResultsKeepTheirRound() {
        List<String> ran = new ArrayList<>();
        List<String> told = new ArrayList<>();
        Map<String, List<String>> results = new AlternatingRounds<String, RuntimeException>(3)
                .contender("baseline", round -> {
                    ran.add("baseline " + round);
                    return "b" + round;
                })
                .contender("ours", round -> {
                    ran.add("ours " + round);
                    return "o" + round;
                })
                .run((round, rounds, contender) -> told.add(round + "/" + rounds + " " + contender));

        assertThat(ran).containsExactly("baseline 1", "ours 1", "baseline 2", "ours 2", "baseline 3", "ours 3");
        assertThat(told).containsExactly("1/3 baseline", "1/3 ours", "2/3 baseline", "2/3 ours", "3/3 baseline",
                "3/3 ours");
        assertThat(results.keySet()).containsExactly("baseline", "ours");
        assertThat(results.get("baseline")).containsExactly("b1", "b2", "b3");
        assertThat(results.get("ours")).containsExactly("o1", "o2", "o3");
    }

    @Test
    void fewerThanThreeRoundsOrOneContenderIsRefused() {
        assertThatThrownBy(() -> new AlternatingRounds<String, RuntimeException>(2))
                .hasMessage("a bench runs at least 3 rounds, got 2");
        AlternatingRounds<String, RuntimeException> alone = new AlternatingRounds<String, RuntimeException>(3)
                .contender("ours", round -> "o");
        assertThatThrownBy(() -> alone.run((round, rounds, contender) -> { }))
                .hasMessageContaining("at least two contenders");
        assertThatThrownBy(() -> alone.contender("ours", round -> "again")).hasMessageContaining("two contenders named");
    }

    @Test
    void aRoundsCheckedExceptionReachesTheCaller() {
        AlternatingRounds<String, IOException> rounds = new AlternatingRounds<String, IOException>(3)
                .contender("baseline", round -> "b")
                .contender("ours", round -> {
                    throw new IOException("disk full");
                });
        assertThatThrownBy(() -> rounds.run((round, all, contender) -> { }))
                .isInstanceOf(IOException.class).hasMessage("disk full");
    }
}
