package io.alluvium.generator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacerTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void burstsRunAtTheRateTimesTheFactorForTwoSecondsOfEveryTen() {
        Pacer pacer = new Pacer(1_000, 5.0);
        assertThat(pacer.permitsAt(SECOND)).isEqualTo(5_000);
        assertThat(pacer.permitsAt(2 * SECOND)).isEqualTo(10_000);
        assertThat(pacer.permitsAt(3 * SECOND)).isEqualTo(11_000);
        assertThat(pacer.permitsAt(10 * SECOND)).isEqualTo(18_000);
        assertThat(pacer.permitsAt(11 * SECOND)).isEqualTo(23_000);
    }

    @Test
    void withoutBurstsTheRateIsSteadyAndZeroMeansUnlimited() {
        assertThat(new Pacer(1_000, 1.0).permitsAt(10 * SECOND)).isEqualTo(10_000);
        assertThat(new Pacer(0, 3.0).permitsAt(0)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void awaitHoldsTheSenderToTheRate() throws InterruptedException {
        Pacer pacer = new Pacer(2_000, 1.0);
        long start = System.nanoTime();
        for (long sent = 0; sent < 1_000; sent++) {
            pacer.await(sent, start);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // The pacer must hold the sender back (lower bound); the upper bound only catches a pacer that hangs.
        assertThat(seconds).isBetween(0.45, 10.0);
    }
}
