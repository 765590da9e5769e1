package social.gateway.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import social.contract.rpc.Operation;
import social.contract.user.GetUserSummariesRequest;
import social.contract.user.UserRpc;
import social.contract.user.UserSummaries;
import social.contract.user.UserSummary;
import social.gateway.web.ApiException;
import social.gateway.web.Page;
import social.support.messaging.MessageObservations;
import social.support.messaging.Senders;
import social.support.rpc.RpcClient;
import social.support.rpc.RpcTimeoutException;

class UserDirectoryTest {
    private final FakeUserService userService = new FakeUserService();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final UserDirectory directory =
            new UserDirectory(userService, new UserCacheProperties(1_000, Duration.ofMinutes(10)), meters);

    private final UUID ann = userService.register("ann", "Ann");
    private final UUID bob = userService.register("bob", "Bob");
    private final UUID cid = userService.register("cid", "Cid");

    @AfterEach
    void close() {
        userService.close();
    }

    @Test
    void cachedUsersCostNoQuestionAndMissesAreAskedForInOneBatch() {
        assertThat(directory.summaries(List.of(ann, bob, ann)).join()).containsOnlyKeys(ann, bob);
        assertThat(directory.summaries(List.of(bob, ann)).join().get(ann).displayName())
                .isEqualTo("Ann");
        assertThat(directory.summaries(List.of(ann, cid, bob)).join()).containsOnlyKeys(ann, bob, cid);
        directory.requireExisting(cid);
        assertThat(directory.summaries(List.of()).join()).isEmpty();

        assertThat(userService.questions).containsExactly(Set.of(ann, bob), Set.of(cid));
    }

    @Test
    void hitsAndMissesAreCountedForTheHitRate() {
        directory.summaries(List.of(ann, bob)).join();
        directory.summaries(List.of(ann)).join();

        assertThat(meters.get("cache.gets")
                        .tags("cache", "users", "result", "miss")
                        .functionCounter()
                        .count())
                .isEqualTo(2);
        assertThat(meters.get("cache.gets")
                        .tags("cache", "users", "result", "hit")
                        .functionCounter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void concurrentMissesOfOneUserShareOneQuestion() {
        userService.holdAnswers();
        CompletableFuture<Map<UUID, UserSummary>> first = directory.summaries(List.of(ann));
        CompletableFuture<Map<UUID, UserSummary>> second = directory.summaries(List.of(ann, bob));
        userService.releaseAnswers();

        assertThat(first.join()).containsOnlyKeys(ann);
        assertThat(second.join()).containsOnlyKeys(ann, bob);
        assertThat(userService.questions).containsExactly(Set.of(ann), Set.of(bob));
    }

    @Test
    void unknownUsersAreLeftOutAndAskedForAgainRatherThanCachedAsAbsent() {
        UUID unknown = UUID.randomUUID();

        assertThat(directory.summaries(List.of(ann, unknown)).join()).containsOnlyKeys(ann);
        assertThatThrownBy(() -> directory.requireExisting(unknown))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("no such user");
        userService.users.put(unknown, new UserSummary(unknown, "late", "Late"));

        assertThat(directory.known(List.of(unknown)).get(unknown).displayName()).isEqualTo("Late");
        assertThat(userService.questions).containsExactly(Set.of(ann, unknown), Set.of(unknown), Set.of(unknown));
    }

    @Test
    void aForgottenUserIsAskedForAgainAndShowsTheNewName() {
        directory.summaries(List.of(ann, bob)).join();
        userService.rename(ann, "Ann B.");
        directory.forget(ann);

        Map<UUID, UserSummary> after = directory.summaries(List.of(ann, bob)).join();

        assertThat(after.get(ann).displayName()).isEqualTo("Ann B.");
        assertThat(userService.questions).containsExactly(Set.of(ann, bob), Set.of(ann));
    }

    @Test
    void aRenameHeardWhileALoadIsInFlightIsNotUndoneByTheLoadsOldAnswer() {
        userService.holdAnswers();
        CompletableFuture<Map<UUID, UserSummary>> inFlight = directory.summaries(List.of(ann));
        userService.rename(ann, "Ann B.");
        directory.forget(ann);
        userService.releaseAnswers();

        assertThat(inFlight.join().get(ann).displayName()).isEqualTo("Ann"); // asked before the rename
        assertThat(directory.summaries(List.of(ann)).join().get(ann).displayName())
                .isEqualTo("Ann B.");
        assertThat(userService.questions).hasSize(2);
    }

    @Test
    void forgettingEverythingAsksForEveryoneAgain() {
        directory.summaries(List.of(ann, bob)).join();
        directory.forgetAll();
        directory.summaries(List.of(ann, bob)).join();

        assertThat(userService.questions).containsExactly(Set.of(ann, bob), Set.of(ann, bob));
    }

    @Test
    void aFailedQuestionFailsWithItsCauseAndIsNotCached() {
        userService.failNext(new RpcTimeoutException(UserRpc.GET_SUMMARIES.routingKey()));

        assertThatThrownBy(() -> directory.summaries(List.of(ann)).join())
                .hasCauseInstanceOf(RpcTimeoutException.class);
        assertThat(directory.summaries(List.of(ann)).join()).containsOnlyKeys(ann);
        assertThat(userService.questions).hasSize(2);
    }

    @Test
    void aQuestionAskedAboutAnUnknownUserIs404WhateverItsAnswer() {
        UUID unknown = UUID.randomUUID();

        assertThat(directory.aboutExisting(ann, CompletableFuture.completedFuture("answer")))
                .isEqualTo("answer");
        assertThatThrownBy(() -> directory.aboutExisting(unknown, CompletableFuture.completedFuture("answer")))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("no such user");
    }

    @Test
    void theWaitingCallsThrowAFailedQuestionsCauseItself() {
        userService.failNext(new RpcTimeoutException(UserRpc.GET_SUMMARIES.routingKey()));

        assertThatThrownBy(() -> directory.page(List.of(ann), null)).isInstanceOf(RpcTimeoutException.class);
        assertThat(directory.page(List.of(bob, UUID.randomUUID(), ann), "next"))
                .isEqualTo(new Page<>(List.of(userService.users.get(bob), userService.users.get(ann)), "next"));
    }

    /**
     * user-service as the directory sees it: answers {@code user.get-summaries} from {@link #users}
     * as they were when asked, at once or when released, and records every question (the ids asked for).
     */
    private static final class FakeUserService extends RpcClient {
        final Map<UUID, UserSummary> users = new ConcurrentHashMap<>();
        final List<Set<UUID>> questions = new CopyOnWriteArrayList<>();
        private final List<Runnable> held = new ArrayList<>();
        private boolean holding;
        private RuntimeException failure;

        FakeUserService() {
            super(
                    null,
                    null,
                    null,
                    Duration.ofSeconds(5),
                    service -> {},
                    1,
                    1,
                    Senders.unchecked(),
                    MessageObservations.none());
        }

        UUID register(String username, String displayName) {
            UUID id = UUID.randomUUID();
            users.put(id, new UserSummary(id, username, displayName));
            return id;
        }

        void rename(UUID id, String displayName) {
            users.computeIfPresent(id, (key, user) -> new UserSummary(id, user.username(), displayName));
        }

        synchronized void holdAnswers() {
            holding = true;
        }

        synchronized void releaseAnswers() {
            holding = false;
            held.forEach(Runnable::run);
            held.clear();
        }

        synchronized void failNext(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public synchronized <Q, R> CompletableFuture<R> call(Operation<Q, R> operation, Q request) {
            assertThat(operation).isEqualTo(UserRpc.GET_SUMMARIES);
            List<UUID> ids = ((GetUserSummariesRequest) request).userIds();
            questions.add(Set.copyOf(ids));
            CompletableFuture<R> reply = new CompletableFuture<>();
            if (failure != null) {
                reply.completeExceptionally(failure);
                failure = null;
                return reply;
            }
            UserSummaries found = new UserSummaries(
                    ids.stream().filter(users::containsKey).map(users::get).toList());
            Runnable answer = () -> reply.complete(operation.replyType().cast(found));
            if (holding) {
                held.add(answer);
            } else {
                answer.run();
            }
            return reply;
        }
    }
}
