package social.gateway.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import social.contract.notification.NotificationType;
import social.contract.user.UserSummary;
import social.support.id.Ids;

/** One stream's queue and sender, against an emitter that records what is written (and can hang like a stuck socket). */
@Timeout(10)
class NotificationStreamTest {
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private final ExecutorService senders = Executors.newCachedThreadPool();
    private final List<NotificationStream> forgotten = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopSenders() {
        senders.shutdownNow();
    }

    @Test
    void aClientThatStopsReadingHoldsUpNoPushAndItsStreamEndsOnceItsBufferIsFull() throws Exception {
        Client client = new Client();
        NotificationStream stream = stream(client, 3, false);
        Notification first = notification();

        stream.push(first);
        await().atMost(DEADLINE).until(() -> client.hanging.getCount() == 0);
        for (int i = 0; i < 3; i++) {
            stream.push(notification());
        }
        assertThat(forgotten).isEmpty();
        stream.push(notification());

        assertThat(forgotten).containsExactly(stream);
        client.release();
        await().atMost(DEADLINE).until(() -> client.completed);
        assertThat(client.written).containsExactly(first.id().toString());
    }

    @Test
    void aNotificationPushedTwiceIsWrittenOnceWithItsIdAsTheEventId() {
        Client client = Client.reading();
        NotificationStream stream = stream(client, 10, false);
        Notification once = notification();
        Notification other = notification();

        stream.push(once);
        stream.push(once);
        stream.push(other);
        stream.push(once);

        await().atMost(DEADLINE)
                .untilAsserted(() -> assertThat(client.written)
                        .containsExactly(once.id().toString(), other.id().toString()));
    }

    @Test
    void aResumedStreamWritesWhatWasMissedOldestFirstThenTheLiveOnesEachOnce() throws Exception {
        Client client = Client.reading();
        NotificationStream stream = stream(client, 10, true);
        Notification missedFirst = notification();
        Notification missedAndLive = notification();
        Notification live = notification();
        stream.push(missedAndLive);
        stream.push(live);
        stream.comment("heartbeat");

        assertThat(client.written).isEmpty();
        stream.resume(List.of(missedFirst, missedAndLive));

        await().atMost(DEADLINE)
                .untilAsserted(() -> assertThat(client.written)
                        .containsExactly(
                                missedFirst.id().toString(),
                                missedAndLive.id().toString(),
                                live.id().toString(),
                                ":heartbeat"));
    }

    @Test
    void anEndedStreamIsForgottenAtOnceAndCompletedByItsSender() {
        Client client = Client.reading();
        NotificationStream stream = stream(client, 10, false);

        stream.end();
        stream.push(notification());

        assertThat(forgotten).containsExactly(stream);
        await().atMost(DEADLINE).until(() -> client.completed);
        assertThat(client.written).isEmpty();
    }

    private NotificationStream stream(Client client, int buffer, boolean resuming) {
        return new NotificationStream(UUID.randomUUID(), null, client, buffer, 128, senders, resuming, forgotten::add);
    }

    private static Notification notification() {
        UUID actor = UUID.randomUUID();
        return new Notification(
                Ids.newId(), NotificationType.FOLLOW, new UserSummary(actor, "a", "A"), null, Instant.now(), false);
    }

    /**
     * The client end of a stream: records each event's id (a comment as itself); until released,
     * a write hangs as one to a client that stopped reading does.
     */
    static final class Client extends SseEmitter {
        final List<String> written = new CopyOnWriteArrayList<>();
        final CountDownLatch hanging = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        volatile boolean completed;

        static Client reading() {
            Client client = new Client();
            client.release();
            return client;
        }

        void release() {
            released.countDown();
        }

        @Override
        public void send(SseEventBuilder event) throws IOException {
            hanging.countDown();
            try {
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            StringBuilder text = new StringBuilder();
            for (ResponseBodyEmitter.DataWithMediaType part : event.build()) {
                if (part.getData() instanceof String line) {
                    text.append(line);
                }
            }
            String lines = text.toString();
            written.add(lines.startsWith("id:") ? lines.substring(3, lines.indexOf('\n')) : lines.strip());
        }

        @Override
        public void complete() {
            completed = true;
        }
    }
}
