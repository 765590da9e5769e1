package social.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class MessagingPropertiesTest {
    @Test
    void eventsMustGrowTooOldBeforeTheirIdsAreForgotten() {
        assertThatThrownBy(() -> properties(Duration.ofDays(7), Duration.ofDays(7)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-event-age");
        assertThat(properties(Duration.ofDays(6), Duration.ofDays(7)).maxEventAge())
                .isEqualTo(Duration.ofDays(6));
    }

    private static MessagingProperties properties(Duration maxEventAge, Duration retention) {
        return new MessagingProperties(
                "",
                Duration.ofSeconds(5),
                2000,
                8,
                4,
                50,
                5,
                5,
                Duration.ofMillis(200),
                Duration.ofMinutes(1),
                retention,
                maxEventAge,
                100_000,
                Duration.ofSeconds(30),
                false,
                true,
                QueueType.CLASSIC);
    }
}
