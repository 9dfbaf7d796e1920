package io.alluvium.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The fast path of {@link IsoInstants} must answer exactly as {@link Instant#parse}, for good and bad input; what
 * validation reads is the JDK's instant of the texts in the contract's form, and nothing else.
 */
class IsoInstantsTest {
    private static final List<String> EDGES = List.of(
            "2026-11-01T10:05:00Z", "2026-11-01T10:05:00.1Z", "2026-11-01T10:05:00.123Z",
            "2026-11-01T10:05:00.123456789Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z",
            "2024-02-29T12:00:00Z", "2026-02-29T12:00:00Z", "2026-02-30T00:00:00Z", "2026-04-31T00:00:00Z",
            "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-11-00T00:00:00Z", "2026-11-01T24:00:00Z",
            "2026-11-01T23:60:00Z", "2026-11-01T23:59:60Z", "2026-11-01T10:05:00.Z", "2026-11-01T10:05:00.1234567890Z",
            "2026-11-01T10:05:00+01:00", "2026-11-01T10:05:00", "2026-11-01 10:05:00Z", "2026-11-01t10:05:00Z",
            "2026-11-01T10:05:00z", "+12026-11-01T10:05:00Z", "-0001-11-01T10:05:00Z", "2026-1-01T10:05:00Z",
            "2026-11-01T10:05:0aZ", "2026-11-01T10:05Z", "", "Z", "not a time", "2026-11-01T10:05:00,5Z",
            "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z");

    @Test
    void edgeCasesAnswerAsTheJdk() {
        EDGES.forEach(IsoInstantsTest::assertSameAsJdk);
    }

    @Test
    void randomMutationsOfValidInstantsAnswerAsTheJdk() {
        List<String> tried = randomMutationsOfValidInstants();
        tried.forEach(IsoInstantsTest::assertSameAsJdk);
        assertThat(tried.stream().filter(IsoInstantsTest::jdkAccepts).count()).as("valid ones among them")
                .isBetween(5_000L, 19_000L);
    }

    @Test
    void theContractsFormIsTheJdksInstantOfTheTextsOfItsPattern() {
        Pattern form = Pattern.compile(TimestampFormat.PATTERN);
        List<String> tried = new ArrayList<>(EDGES);
        tried.addAll(randomMutationsOfValidInstants());
        for (String text : tried) {
            Instant expected = form.matcher(text).find() && jdkAccepts(text) ? Instant.parse(text) : null;
            assertThat(IsoInstants.ofContractForm(text)).as(text).isEqualTo(expected);
        }
        assertThat(IsoInstants.ofContractForm("2026-11-01T10:05:00.5+01:00"))
                .isEqualTo(Instant.parse("2026-11-01T09:05:00.5Z"));
        assertThat(IsoInstants.ofContractForm("2026-11-01T10:05:00.Z")).isEqualTo(Instant.parse("2026-11-01T10:05:00Z"));
        assertThat(List.of("2026-11-01T24:00:00Z", "2026-11-01T23:59:60Z", "2026-11-01t10:05:00z", "2026-11-01T10:05:00",
                "+12026-11-01T10:05:00Z", "2026-11-01T10:05:00Z\n", " 2026-11-01T10:05:00Z", "2026-11-01T10:05:00+01:00:30",
                "2026-11-01T10:05:00+0100", "2026-11-01T10:05:00.1234567890Z", "2026-02-30T00:00:00Z"))
                .allSatisfy(text -> assertThat(IsoInstants.ofContractForm(text)).as(text).isNull());
    }

    /** Valid instants of every era, most with a character or two changed. */
    private static List<String> randomMutationsOfValidInstants() {
        SplittableRandom rng = new SplittableRandom(42);
        String alphabet = "0123456789-:TZ.+ zt";
        List<String> tried = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder(Instant.ofEpochMilli(rng.nextLong(-62_000_000_000_000L,
                    250_000_000_000_000L)).toString());
            int edits = rng.nextInt(3);
            for (int e = 0; e < edits && s.length() > 0; e++) {
                s.setCharAt(rng.nextInt(s.length()), alphabet.charAt(rng.nextInt(alphabet.length())));
            }
            tried.add(s.toString());
        }
        return tried;
    }

    private static boolean jdkAccepts(String text) {
        try {
            Instant.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static void assertSameAsJdk(String text) {
        Instant expected;
        try {
            expected = Instant.parse(text);
        } catch (DateTimeParseException e) {
            String input = text;
            assertThatThrownBy(() -> IsoInstants.parse(input)).as(input)
                    .isInstanceOf(DateTimeParseException.class);
            return;
        }
        assertThat(IsoInstants.parse(text)).as(text).isEqualTo(expected);
    }
}
