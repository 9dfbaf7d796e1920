package io.alluvium.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a Bronze read is split: a share per core, within the table's split size and above 1 MB. */
class BronzeIncrementTest {
    private static final long MB = 1L << 20;
    private static final long TABLE_SPLIT = 128 * MB;

    @Test
    void smallIncrementsAreSplitIntoOneShareOfTheirWeightPerCore() {
        assertThat(BronzeIncrement.splitSize(16 * MB, 2, TABLE_SPLIT)).isEqualTo(8 * MB);
        assertThat(BronzeIncrement.splitSize(16 * MB + 1, 2, TABLE_SPLIT)).isEqualTo(8 * MB + 1);
        assertThat(BronzeIncrement.splitSize(40 * MB, 8, TABLE_SPLIT)).isEqualTo(5 * MB);
    }

    @Test
    void largeIncrementsKeepTheTablesSplitSize() {
        assertThat(BronzeIncrement.splitSize(10_000 * MB, 2, TABLE_SPLIT)).isEqualTo(TABLE_SPLIT);
    }

    @Test
    void tinyIncrementsAreNotCutBelowOneMegabyte() {
        assertThat(BronzeIncrement.splitSize(100_000, 2, TABLE_SPLIT)).isEqualTo(MB);
        assertThat(BronzeIncrement.splitSize(0, 0, TABLE_SPLIT)).isEqualTo(MB);
    }
}
