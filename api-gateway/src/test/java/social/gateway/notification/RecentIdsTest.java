package social.gateway.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import social.support.id.Ids;

class RecentIdsTest {

    @Test
    void anIdSeenAgainIsRecognisedAndADifferentOneIsNot() {
        RecentIds recent = new RecentIds(3);
        UUID id = Ids.newId();

        assertThat(recent.add(id)).isTrue();
        assertThat(recent.add(new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits())))
                .isFalse();
        assertThat(recent.add(Ids.newId())).isTrue();
    }

    @Test
    void onlyTheLastIdsAreRememberedTheOldestForgottenFirst() {
        RecentIds recent = new RecentIds(3);
        UUID first = Ids.newId();
        UUID second = Ids.newId();
        recent.add(first);
        recent.add(second);
        recent.add(Ids.newId());
        recent.add(Ids.newId());

        assertThat(recent.add(second)).isFalse();
        assertThat(recent.add(first)).isTrue();
    }
}
