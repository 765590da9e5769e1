package social.gateway.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import social.gateway.security.AuthenticatedUser;
import social.gateway.security.LoggedOutLogins;
import social.gateway.web.ApiException;

class NotificationStreamsTest {
    /** Two streams per address, three in all. */
    private final NotificationStreams streams = new NotificationStreams(
            new NotificationProperties(
                    Duration.ofSeconds(15), Duration.ofMinutes(30), 5, 2, 3, 1000, 4, 128, 100, 10_000),
            Mockito.mock(MissedNotifications.class),
            Mockito.mock(LoggedOutLogins.class),
            new StaticListableBeanFactory().getBeanProvider(io.micrometer.core.instrument.MeterRegistry.class));

    @Test
    void streamsBeyondThePerAddressCapAre429AndOtherAddressesAreServed() {
        streams.open(user(), "192.0.2.1", null);
        streams.open(user(), "192.0.2.1", null);

        assertThatThrownBy(() -> streams.open(user(), "192.0.2.1", null))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS));
        streams.open(user(), "192.0.2.2", null);
        assertThat(streams.openStreams()).isEqualTo(3);
    }

    @Test
    void streamsBeyondTheInstanceCapAre429WhateverTheAddress() {
        streams.open(user(), "192.0.2.1", null);
        streams.open(user(), "192.0.2.2", null);
        streams.open(user(), "192.0.2.3", null);

        assertThatThrownBy(() -> streams.open(user(), "192.0.2.4", null))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS));
    }

    @Test
    void aStreamEndsWhenItsAccessTokenExpires() {
        SseEmitter shortLived = streams.open(
                new AuthenticatedUser(UUID.randomUUID(), "ann", Instant.now().plusSeconds(5), null), "192.0.2.1", null);

        assertThat(shortLived.getTimeout()).isBetween(1L, 5_000L);
        assertThat(streams.open(user(), "192.0.2.2", null).getTimeout())
                .isEqualTo(Duration.ofMinutes(30).toMillis());
    }

    private static AuthenticatedUser user() {
        return new AuthenticatedUser(UUID.randomUUID(), "u", Instant.now().plus(Duration.ofHours(1)), null);
    }
}
