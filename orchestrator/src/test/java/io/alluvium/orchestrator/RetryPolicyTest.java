package io.alluvium.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alluvium.runtime.ChildProtocol.BadInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    @Test
    void theBackoffDoublesAfterEachFailure() {
        RetryPolicy p = RetryPolicy.exponential(4, Duration.ofSeconds(30));
        assertThat(p.backoffAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.backoffAfter(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.backoffAfter(3)).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void attemptsCountTheFirstOne() {
        RetryPolicy p = RetryPolicy.exponential(3, Duration.ofSeconds(1));
        assertThat(p.retriesAfter(1)).isTrue();
        assertThat(p.retriesAfter(2)).isTrue();
        assertThat(p.retriesAfter(3)).isFalse();
        assertThat(RetryPolicy.NONE.retriesAfter(1)).isFalse();
    }

    @Test
    void aPolicyThatCannotRunIsBadInput() {
        assertThatThrownBy(() -> RetryPolicy.exponential(0, Duration.ofSeconds(1)))
                .isInstanceOf(BadInputException.class).hasMessage("a retry policy needs at least 1 attempt, not 0");
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofSeconds(-1), 2))
                .isInstanceOf(BadInputException.class).hasMessageContaining("cannot be negative");
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofSeconds(1), 0.5))
                .isInstanceOf(BadInputException.class).hasMessageContaining("multiplier must be at least 1");
    }
}
