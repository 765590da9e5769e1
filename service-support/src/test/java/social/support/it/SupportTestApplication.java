package social.support.it;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import social.contract.auth.UserRegistered;
import social.contract.registry.Subscription;
import social.contract.registry.Subscriptions;
import social.contract.user.GetUserRequest;
import social.contract.user.User;
import social.contract.user.UserRpc;
import social.support.error.ServiceException;
import social.support.events.EventSubscription;
import social.support.messaging.Topology;
import social.support.outbox.EventOutbox;
import social.support.rpc.RpcEndpoint;

/**
 * A small service built on the backbone alone, for its integration tests: it answers two
 * operations (declared by two endpoints, as two features would) and follows one event, once in any order and once in publication order. Its names carry the run's own prefix, so it never meets
 * the real services.
 */
@SpringBootApplication
public class SupportTestApplication {
    static final UUID KNOWN_USER = UUID.fromString("0190a5b0-0000-7000-8000-000000000001");
    static final String POISON_USERNAME = "poison";
    /** Registrations whose username starts so fail in the in-order handler until this many attempts passed. */
    static final String FLAKY_PREFIX = "flaky-";

    static final AtomicInteger FLAKY_FAILURES_LEFT = new AtomicInteger();
    /** Registrations whose username starts so fail by themselves (a bug, not an outage) in the in-order handler. */
    static final String STUBBORN_PREFIX = "stubborn-";

    static final AtomicInteger STUBBORN_FAILURES_LEFT = new AtomicInteger();
    /** Registrations whose username starts so fail in the unordered handler while {@link #CURABLE_BROKEN} holds. */
    static final String CURABLE_PREFIX = "curable-";

    static final AtomicBoolean CURABLE_BROKEN = new AtomicBoolean();
    /** Registrations whose username starts so fail in the unordered handler as if the database were away, while {@link #OUTAGE_FAILURES_LEFT} lasts. */
    static final String OUTAGE_PREFIX = "outage-";

    static final AtomicInteger OUTAGE_FAILURES_LEFT = new AtomicInteger();

    /** Asking for this user holds the consumer until {@link #SLOW_LOOKUPS} opens, counting each lookup begun. */
    static final UUID SLOW_USER = UUID.fromString("0190a5b0-0000-7000-8000-000000000002");

    static final Gate SLOW_LOOKUPS = new Gate();

    /** Creating a profile holds the consumer here (open unless a test closes it), then writes an event. */
    static final Gate SLOW_PROFILES = new Gate();

    /**
     * The inventory of this application's subscriptions, under whichever name a test runs it (in
     * place of the contract's, whose services never run here): its subscriptions are checked
     * against it, and its outbox relays wait for their queues.
     */
    @Bean
    Subscriptions subscriptions(@Value("${spring.application.name}") String service) {
        return Subscriptions.of(
                Subscription.of(service, "registrations", UserRegistered.class),
                Subscription.of(service, "registrations-in-order", UserRegistered.class));
    }

    @Bean
    RpcEndpoint userLookalike(Topology topology) {
        return RpcEndpoint.answering(UserRpc.SERVICE, topology)
                .on(UserRpc.GET, SupportTestApplication::answer)
                .build();
    }

    /** A second endpoint of the same service, as a second feature would declare: both answer from one queue. */
    @Bean
    RpcEndpoint userLookalikeByName(Topology topology) {
        return RpcEndpoint.answering(UserRpc.SERVICE, topology)
                .on(
                        UserRpc.FIND_BY_USERNAME,
                        request -> answer(new GetUserRequest("known".equals(request.username()) ? KNOWN_USER : null)))
                .build();
    }

    /**
     * A request whose handler writes an event through the outbox, as most writes do: what a graceful
     * stop must finish, answer and relay ({@code GracefulShutdownIT}).
     */
    @Bean
    RpcEndpoint profileCreatorLookalike(Topology topology, EventOutbox outbox, TransactionTemplate transactions) {
        return RpcEndpoint.answering(UserRpc.SERVICE, topology)
                .on(UserRpc.CREATE_PROFILE, request -> {
                    SLOW_PROFILES.pass();
                    Instant now = Instant.now();
                    transactions.executeWithoutResult(status -> outbox.publish(new UserRegistered(
                            UUID.randomUUID(), now, 1, request.userId(), request.username(), request.displayName())));
                    return new User(request.userId(), request.username(), request.displayName(), "", now, 0, 0, 0);
                })
                .build();
    }

    @Bean
    EventSubscription registrationsApplied(Topology topology, JdbcTemplate jdbc) {
        return EventSubscription.forConcern("registrations", topology)
                .on(UserRegistered.class, event -> {
                    jdbc.update(
                            "INSERT INTO applied_registration (event_id, user_id, username) VALUES (?, ?, ?)",
                            event.eventId(),
                            event.userId(),
                            event.username());
                    if (POISON_USERNAME.equals(event.username())) {
                        throw new IllegalStateException("this event always fails");
                    }
                    if (event.username().startsWith(OUTAGE_PREFIX) && OUTAGE_FAILURES_LEFT.getAndDecrement() > 0) {
                        throw new CannotGetJdbcConnectionException("the database is away (simulated)");
                    }
                    if (event.username().startsWith(CURABLE_PREFIX) && CURABLE_BROKEN.get()) {
                        throw new IllegalStateException("this event fails until the bug is fixed");
                    }
                })
                .build();
    }

    /**
     * Applies registrations in publication order; a "flaky" one fails as if the database were away
     * while {@link #FLAKY_FAILURES_LEFT} lasts, a "stubborn" one fails by itself while {@link
     * #STUBBORN_FAILURES_LEFT} lasts.
     */
    @Bean
    EventSubscription registrationsInOrder(Topology topology, JdbcTemplate jdbc) {
        return EventSubscription.forConcern("registrations-in-order", topology)
                .inOrder()
                .on(UserRegistered.class, event -> {
                    if (event.username().startsWith(FLAKY_PREFIX) && FLAKY_FAILURES_LEFT.getAndDecrement() > 0) {
                        throw new CannotGetJdbcConnectionException("the database is away (simulated)");
                    }
                    if (event.username().startsWith(STUBBORN_PREFIX) && STUBBORN_FAILURES_LEFT.getAndDecrement() > 0) {
                        throw new IllegalStateException("a bug in the handler (simulated)");
                    }
                    jdbc.update("INSERT INTO applied_in_order (username) VALUES (?)", event.username());
                })
                .build();
    }

    private static User answer(GetUserRequest request) {
        if (SLOW_USER.equals(request.userId())) {
            SLOW_LOOKUPS.pass();
        }
        if (!KNOWN_USER.equals(request.userId())) {
            throw ServiceException.notFound("no such user");
        }
        return new User(KNOWN_USER, "known", "Known", "", Instant.parse("2026-01-01T00:00:00Z"), 1, 2, 3);
    }

    /** Holds whoever passes while closed (at most 10 s), and counts them. */
    static final class Gate {
        private final AtomicInteger passed = new AtomicInteger();
        private volatile CountDownLatch open = new CountDownLatch(0);

        void close() {
            passed.set(0);
            open = new CountDownLatch(1);
        }

        void open() {
            open.countDown();
        }

        int passed() {
            return passed.get();
        }

        private void pass() {
            passed.incrementAndGet();
            try {
                open.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
