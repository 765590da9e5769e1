package social.auth.erasure;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.auth.AuthProperties;
import social.contract.auth.AuthRpc;
import social.contract.follow.FollowsErased;
import social.contract.like.LikesErased;
import social.contract.notification.NotificationsErased;
import social.contract.post.PostsErased;
import social.contract.user.ProfileErased;
import social.support.events.EventSubscription;
import social.support.messaging.Topology;
import social.support.purge.PeriodicPurge;
import social.support.rpc.RpcEndpoint;

/**
 * Leaving: the deletion request on {@code auth.rpc}, the services' reports of their erasure, what
 * operators see of the erasures under way, and the purge of completed ones.
 */
@Configuration(proxyBeanMethods = false)
class ErasureMessaging {
    /** How long the record of a completed erasure (the id and times) is kept. */
    private static final Duration COMPLETED_RETENTION = Duration.ofDays(30);

    @Bean
    RpcEndpoint accountDeletionEndpoint(Topology topology, AccountDeletion deletion) {
        return RpcEndpoint.answering(AuthRpc.SERVICE, topology)
                .on(AuthRpc.DELETE_ACCOUNT, deletion::delete)
                .build();
    }

    @Bean
    EventSubscription erasureReports(Topology topology, Erasures erasures) {
        return EventSubscription.forConcern("erasures", topology)
                .on(ProfileErased.class, erasures::reported)
                .on(PostsErased.class, erasures::reported)
                .on(FollowsErased.class, erasures::reported)
                .on(LikesErased.class, erasures::reported)
                .on(NotificationsErased.class, erasures::reported)
                .build();
    }

    @Bean
    ErasuresEndpoint erasuresEndpoint(Erasures erasures, ObjectProvider<MeterRegistry> meters) {
        meters.ifAvailable(registry -> {
            Gauge.builder("social.erasures.pending", erasures, Erasures::pendingCount)
                    .description("account deletions some service has not erased yet")
                    .register(registry);
            Gauge.builder("social.erasures.oldest.age", erasures, Erasures::oldestPendingAgeSeconds)
                    .description("seconds since the oldest pending account deletion was requested")
                    .baseUnit("seconds")
                    .register(registry);
        });
        return new ErasuresEndpoint(erasures);
    }

    @Bean
    PeriodicPurge completedErasurePurge(Erasures erasures, AuthProperties properties) {
        return new PeriodicPurge(
                "completed erasures",
                properties.purge().interval(),
                () -> erasures.purgeCompletedBefore(Instant.now().minus(COMPLETED_RETENTION)));
    }
}
