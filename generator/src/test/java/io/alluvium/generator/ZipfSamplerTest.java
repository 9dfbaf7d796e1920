package io.alluvium.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZipfSamplerTest {
    private static final int DRAWS = 2_000_000;

    /** Each rank's share of the draws is 1/(rank+1)^s over the sum, within sampling noise. */
    @ParameterizedTest
    @CsvSource({"20000, 1.1", "80, 2.0", "50, 0.0", "1, 1.1"})
    void drawsEachRankInProportionTo1OverRankToTheExponent(int n, double exponent) {
        SplittableRandom rng = new SplittableRandom(42);
        ZipfSampler sampler = new ZipfSampler(n, exponent);
        long[] drawn = new long[n];
        for (int i = 0; i < DRAWS; i++) {
            drawn[sampler.sample(rng)]++;
        }
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1.0 / Math.pow(k + 1, exponent);
        }
        for (int k = 0; k < Math.min(n, 10); k++) {
            double expected = 1.0 / Math.pow(k + 1, exponent) / sum;
            double sigma = Math.sqrt(expected * (1 - expected) / DRAWS);
            assertThat((double) drawn[k] / DRAWS).as("share of rank %d", k).isCloseTo(expected, within(5 * sigma + 1e-9));
        }
        // the tail as a whole: ranks from n/2 on
        double tail = 0;
        long tailDrawn = 0;
        for (int k = n / 2; k < n; k++) {
            tail += 1.0 / Math.pow(k + 1, exponent) / sum;
            tailDrawn += drawn[k];
        }
        double sigma = Math.sqrt(tail * (1 - tail) / DRAWS);
        assertThat((double) tailDrawn / DRAWS).as("share of the tail").isCloseTo(tail, within(5 * sigma + 1e-9));
    }
}
