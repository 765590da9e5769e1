package social.gateway.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import social.support.id.Ids;

class MissedNotificationsTest {

    @Test
    void aLaterTimeOrderedIdIsNewerAndNeitherAnEarlierNorTheSameOne() {
        UUID earlier = Ids.newId();
        UUID later = Ids.newId();

        assertThat(MissedNotifications.isNewer(later, earlier)).isTrue();
        assertThat(MissedNotifications.isNewer(earlier, later)).isFalse();
        assertThat(MissedNotifications.isNewer(earlier, earlier)).isFalse();
    }

    @Test
    void idsCompareAsUnsignedNumbersAsTheDatabaseOrdersThem() {
        // a top bit set is large, not negative
        assertThat(MissedNotifications.isNewer(new UUID(-1L, 0L), new UUID(1L, 0L)))
                .isTrue();
        assertThat(MissedNotifications.isNewer(new UUID(1L, -1L), new UUID(1L, 1L)))
                .isTrue();
    }
}
