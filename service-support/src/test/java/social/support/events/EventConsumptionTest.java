package social.support.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class EventConsumptionTest {
    private final EventConsumption consumption =
            new EventConsumption(5, Duration.ofMillis(200), Duration.ofMinutes(1), Duration.ofDays(6));

    @Test
    void pausesDoubleWithinARoundAndOnAcrossRoundsUpToTheCap() {
        assertThat(consumption.pauseAfterAttempt(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(consumption.pauseAfterAttempt(4)).isEqualTo(Duration.ofMillis(1600));
        assertThat(consumption.pauseAfterRound(1)).isEqualTo(Duration.ofMillis(6400));
        assertThat(consumption.pauseAfterRound(2)).isEqualTo(Duration.ofMillis(12800));
        assertThat(consumption.pauseAfterRound(5)).isEqualTo(Duration.ofMinutes(1));
        assertThat(consumption.pauseAfterRound(10_000)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void anEventOlderThanTheMaximumAgeOrOfNoAgeIsTooOld() {
        Instant now = Instant.parse("2026-11-28T12:00:00Z");

        assertThat(consumption.tooOld(now.minus(Duration.ofDays(6)).plusSeconds(1), now))
                .isFalse();
        assertThat(consumption.tooOld(now.minus(Duration.ofDays(6)).minusSeconds(1), now))
                .isTrue();
        assertThat(consumption.tooOld(null, now)).isTrue();
    }

    @Test
    void atLeastOneAttempt() {
        assertThat(new EventConsumption(0, Duration.ZERO, Duration.ZERO, Duration.ofDays(1)).maxAttempts())
                .isOne();
    }
}
