package social.support.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;

import social.contract.Acknowledged;
import social.contract.ErrorCode;
import social.contract.auth.AuthRpc;
import social.contract.auth.GetVerificationKeysRequest;
import social.contract.auth.VerificationKeys;
import social.contract.like.LikeAdded;
import social.contract.like.LikeRpc;
import social.contract.notification.NotificationRpc;
import social.contract.post.DeletePostRequest;
import social.contract.post.GetPostRequest;
import social.contract.post.PostCreated;
import social.contract.post.PostRpc;
import social.contract.registry.Subscription;
import social.contract.registry.Subscriptions;
import social.contract.user.UserRpc;
import social.support.error.ServiceException;
import social.support.events.EventConsumption;
import social.support.events.EventSubscription;
import social.support.events.Inbox;
import social.support.messaging.BrokerPermissions;
import social.support.messaging.ContractMessageConverter;
import social.support.messaging.MessageObservations;
import social.support.messaging.MessagingNames;
import social.support.messaging.Senders;
import social.support.messaging.Topology;
import social.support.rpc.RpcClient;
import social.support.rpc.RpcEndpoint;
import social.support.rpc.RpcErrorException;
import social.support.rpc.RpcTimeoutException;
import social.support.testing.BrokerUsers;
import social.support.testing.TestInfrastructure;

/**
 * Attacks on the broker from a process that holds another party's broker credentials (or none that
 * count), against the real RabbitMQ with the users and rights of {@code BrokerPermissions}: the broker
 * refuses what a user has no right to, and receivers refuse what its validated {@code user_id} may not
 * send. "Nothing changed" is what the receivers' handlers saw: nothing.
 */
class BrokerIdentityIT {
    private static final String GATEWAY = Senders.GATEWAY;
    private static final String AUTH = Senders.application(AuthRpc.SERVICE);
    private static final String USERS = Senders.application(UserRpc.SERVICE);
    private static final String POSTS = Senders.application(PostRpc.SERVICE);
    private static final String LIKES = Senders.application(LikeRpc.SERVICE);
    private static final String NOTIFICATIONS = Senders.application(NotificationRpc.SERVICE);
    private static final String OPERATOR = BrokerPermissions.OPERATOR;
    private static final UUID VICTIM = UUID.randomUUID();
    private static final UUID VICTIMS_POST = UUID.randomUUID();
    private static final VerificationKeys GENUINE_KEYS =
            new VerificationKeys("social-auth", "social-api", List.of(new VerificationKeys.Key("k1", "EdDSA", "AAAA")));
    private static final VerificationKeys FORGED_KEYS = new VerificationKeys(
            "social-auth", "social-api", List.of(new VerificationKeys.Key("evil", "EdDSA", "BBBB")));

    private static BrokerUsers users;
    private static Senders senders;

    /** What the receivers applied: a refused message must never show up here. */
    private final List<Object> applied = new CopyOnWriteArrayList<>();

    private final List<AutoCloseable> resources = new ArrayList<>();
    private volatile Consumer<AMQP.BasicProperties> authAnswers = props -> {};

    @BeforeAll
    static void createBrokerUsers() {
        String run = TestInfrastructure.runId();
        users = BrokerUsers.create("social-test-" + run + "-identity", "test-" + run + "-identity.");
        senders = Senders.enforced(users.prefix());
    }

    @AfterAll
    static void deleteBrokerUsers() {
        if (users != null) {
            users.close();
        }
    }

    @BeforeEach
    void startReceivers() throws Exception {
        // post-service answers post.get and post.delete, recording what it did
        RpcEndpoint posts = RpcEndpoint.answering(PostRpc.SERVICE, topology(POSTS))
                .on(PostRpc.DELETE, request -> {
                    applied.add(request);
                    return Acknowledged.INSTANCE;
                })
                .on(PostRpc.GET, request -> {
                    applied.add(request);
                    throw ServiceException.notFound("no such post");
                })
                .build();
        CachingConnectionFactory postConnections = springConnections(POSTS);
        declare(postConnections, posts);
        listen(
                postConnections,
                posts.queue(),
                RpcEndpoint.listenersByQueue(List.of(posts), converter(POSTS), senders, MessageObservations.none())
                        .get(posts.queue()));

        // notification-service hears like.added and post.created
        EventSubscription notifications = EventSubscription.forConcern("probe", topology(NOTIFICATIONS))
                .on(LikeAdded.class, applied::add)
                .on(PostCreated.class, applied::add)
                .build();
        CachingConnectionFactory notificationConnections = springConnections(NOTIFICATIONS);
        declare(notificationConnections, notifications);
        listen(
                notificationConnections,
                notifications.queue(),
                notifications.listener(
                        converter(NOTIFICATIONS),
                        new ApplyingInbox(),
                        new EventConsumption(1, Duration.ZERO, Duration.ZERO, Duration.ofDays(6)),
                        senders));

        // auth-service's requests: its answers are up to each test
        RpcEndpoint auth = RpcEndpoint.answering(AuthRpc.SERVICE, topology(AUTH))
                .on(AuthRpc.VERIFICATION_KEYS, request -> GENUINE_KEYS)
                .build();
        CachingConnectionFactory authConnections = springConnections(AUTH);
        declare(authConnections, auth);
        Channel authChannel = connect(AUTH).createChannel();
        authChannel.basicConsume(auth.queue(), true, new DefaultConsumer(authChannel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                authAnswers.accept(props);
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void theGatewayMayActForAUser() {
        RpcClient gateway = rpcClient(GATEWAY);

        gateway.callAndWait(PostRpc.DELETE, new DeletePostRequest(VICTIM, VICTIMS_POST));

        assertThat(applied).containsExactly(new DeletePostRequest(VICTIM, VICTIMS_POST));
    }

    @Test
    void aServiceForgingACallerIsRefusedAndNothingIsDeleted() {
        // like-service may ask post-service post.get on its own behalf, so the broker lets it publish to
        // post.rpc: post-service itself refuses what like-service may not send
        RpcClient likes = rpcClient(LIKES);

        assertThatThrownBy(() -> likes.callAndWait(PostRpc.DELETE, new DeletePostRequest(VICTIM, VICTIMS_POST)))
                .isInstanceOfSatisfying(
                        RpcErrorException.class,
                        e -> assertThat(e.reply().code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> likes.callAndWait(PostRpc.GET, new GetPostRequest(VICTIM, VICTIMS_POST)))
                .isInstanceOfSatisfying(
                        RpcErrorException.class,
                        e -> assertThat(e.reply().code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThat(applied).isEmpty();

        // on its own behalf (no caller) it is answered
        assertThatThrownBy(() -> likes.callAndWait(PostRpc.GET, new GetPostRequest(null, VICTIMS_POST)))
                .isInstanceOfSatisfying(
                        RpcErrorException.class,
                        e -> assertThat(e.reply().code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(applied).containsExactly(new GetPostRequest(null, VICTIMS_POST));
    }

    @Test
    void aServiceThatAsksNoOtherCannotPublishRequests() throws Exception {
        Channel channel = confirmedChannel(USERS);
        byte[] body = converter(USERS).toJson(new DeletePostRequest(VICTIM, VICTIMS_POST));

        channel.basicPublish(names().rpcExchange(PostRpc.SERVICE), "post.delete", props(USERS, "post.delete"), body);

        assertRefused(channel, 403);
        assertThat(applied).isEmpty();
    }

    @Test
    void aUserWithoutGrantsAndGuestCannotOpenTheVirtualHost() {
        String user = users.prefix() + "intruder";
        String password = users.addUserWithoutGrants(user);

        assertThatThrownBy(() -> users.connectionFactory(user, password).newConnection())
                .hasStackTraceContaining("access to vhost");
        assertThatThrownBy(() -> users.connectionFactory("guest", "guest").newConnection())
                .hasStackTraceContaining("access to vhost");
    }

    @Test
    void nobodyButAuthServiceCanBindAQueueToAuthRpc() throws Exception {
        for (String party : List.of(GATEWAY, LIKES, USERS)) {
            Channel channel = connect(party).createChannel();
            String spy = users.prefix() + party + ".spy";
            channel.queueDeclare(spy, false, true, true, Map.of());

            assertThatThrownBy(() -> channel.queueBind(spy, names().rpcExchange(AuthRpc.SERVICE), "auth.login"))
                    .hasStackTraceContaining("ACCESS_REFUSED");
        }
    }

    @Test
    void aServiceCannotConsumeAnotherServicesQueues() throws Exception {
        for (String queue : List.of(
                names().rpcQueue(AuthRpc.SERVICE),
                names().rpcQueue(PostRpc.SERVICE),
                users.prefix() + NOTIFICATIONS + ".probe")) {
            Channel channel = connect(LIKES).createChannel();

            assertThatThrownBy(() -> channel.basicConsume(queue, true, new DefaultConsumer(channel)))
                    .hasStackTraceContaining("ACCESS_REFUSED");
        }
    }

    @Test
    void aPublisherCanTellWhetherASubscribersQueueExistsWithoutAnyRightOnIt() throws Exception {
        // the outbox relay holds an event until the queue of every subscription that takes it exists
        Channel channel = connect(LIKES).createChannel();

        assertThat(channel.queueDeclarePassive(users.prefix() + NOTIFICATIONS + ".probe")
                        .getQueue())
                .isEqualTo(users.prefix() + NOTIFICATIONS + ".probe");
        assertThatThrownBy(() -> channel.queueDeclarePassive(users.prefix() + NOTIFICATIONS + ".absent"))
                .hasStackTraceContaining("NOT_FOUND");
    }

    @Test
    void aServiceCanPublishOnlyItsOwnEvents() throws Exception {
        Channel own = confirmedChannel(LIKES);
        LikeAdded like = new LikeAdded(UUID.randomUUID(), Instant.now(), 1, VICTIMS_POST, VICTIM, UUID.randomUUID());
        own.basicPublish(names().eventsExchange(), "like.added", props(LIKES, "like.added"), json(like));
        own.waitForConfirmsOrDie(5_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> applied.contains(like));

        Channel forged = confirmedChannel(LIKES);
        forged.basicPublish(
                names().eventsExchange(), "post.created", props(LIKES, "post.created"), json(postCreated()));

        assertRefused(forged, 403); // topic permission
        assertThat(applied).containsExactly(like);
    }

    @Test
    void aPublishWhoseUserIdIsNotTheConnectionsUserClosesTheChannel() throws Exception {
        Channel channel = confirmedChannel(LIKES);
        PostCreated spoofed = postCreated();

        // like-service claims to be post-service, through amq.default straight into notification-service's queue
        channel.basicPublish(
                "", users.prefix() + NOTIFICATIONS + ".probe", props(POSTS, "post.created"), json(spoofed));

        assertRefused(channel, 406);
        assertThat(applied).isEmpty();
    }

    @Test
    void anEventThatItsOwnerDidNotPublishIsDeadLetteredAndNotApplied() throws Exception {
        // a service may write to amq.default (its replies go there), so it can put a message into any
        // queue by name: under its own validated user_id, which the receiver checks
        Channel channel = confirmedChannel(LIKES);
        String queue = users.prefix() + NOTIFICATIONS + ".probe";
        channel.basicPublish("", queue, props(LIKES, "post.created"), json(postCreated()));
        channel.waitForConfirmsOrDie(5_000);

        Channel owner = connect(NOTIFICATIONS).createChannel();
        GetResponse deadLetter = await().atMost(Duration.ofSeconds(10))
                .until(() -> owner.basicGet(names().deadLetterQueue(queue), true), response -> response != null);
        assertThat(deadLetter.getProps().getUserId()).isEqualTo(users.user(LIKES));
        assertThat(applied).isEmpty();
    }

    @Test
    void theOperatorGetsMessagesFromADeadLetterQueueButCannotConsumeAServicesQueue() throws Exception {
        String queue = users.prefix() + NOTIFICATIONS + ".probe";
        deadLetterOneMessage(queue);
        Channel operator = connect(OPERATOR).createChannel();

        GetResponse deadLetter = operator.basicGet(names().deadLetterQueue(queue), false);
        operator.basicReject(deadLetter.getEnvelope().getDeliveryTag(), true);

        assertThat(deadLetter.getProps().getUserId()).isEqualTo(users.user(LIKES));
        for (String serviceQueue : List.of(queue, names().rpcQueue(PostRpc.SERVICE))) {
            Channel channel = connect(OPERATOR).createChannel();
            assertThatThrownBy(() -> channel.basicGet(serviceQueue, false)).hasStackTraceContaining("ACCESS_REFUSED");
        }
    }

    @Test
    void theOperatorCannotPublishToTheServicesExchangesNorDeclareAnything() throws Exception {
        byte[] body = json(postCreated());
        for (String exchange : List.of(
                names().eventsExchange(), names().rpcExchange(PostRpc.SERVICE), names().deadLetterExchange(), "")) {
            Channel channel = confirmedChannel(OPERATOR);
            channel.basicPublish(exchange, "post.created", props(OPERATOR, "post.created"), body);

            assertRefused(channel, 403);
        }
        Channel channel = connect(OPERATOR).createChannel();
        assertThatThrownBy(() -> channel.queueDeclare(users.prefix() + "operator.mine", false, false, true, Map.of()))
                .hasStackTraceContaining("ACCESS_REFUSED");
        assertThat(applied).isEmpty();
    }

    @Test
    void theOperatorSeesTheQueuesInTheManagementUiAndGetsDeadLettersThereButCannotPublish() throws Exception {
        String queue = users.prefix() + NOTIFICATIONS + ".probe";
        deadLetterOneMessage(queue);
        ManagementApi ui = new ManagementApi(
                TestInfrastructure.managementUrl(), users.user(OPERATOR), users.password(OPERATOR), users.vhost());

        assertThat(ui.get("/api/whoami").body()).contains("\"management\"");
        HttpResponse<String> queues = ui.get("/api/queues/" + ui.vhost());
        assertThat(queues.statusCode()).isEqualTo(200);
        assertThat(queues.body()).contains(names().deadLetterQueue(queue), queue);
        HttpResponse<String> got = ui.post(
                "/api/queues/" + ui.vhost() + "/" + ManagementApi.encode(names().deadLetterQueue(queue)) + "/get",
                "{\"count\": 1, \"ackmode\": \"ack_requeue_true\", \"encoding\": \"auto\"}");
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).contains(users.user(LIKES));

        HttpResponse<String> published = ui.post(
                "/api/exchanges/" + ui.vhost() + "/" + ManagementApi.encode(names().eventsExchange()) + "/publish",
                "{\"properties\": {}, \"routing_key\": \"post.created\", \"payload\": \"{}\","
                        + " \"payload_encoding\": \"string\"}");
        // the API answers a channel closed by the broker with 400 and the broker's reason
        assertThat(published.statusCode()).isEqualTo(400);
        assertThat(published.body()).contains("ACCESS_REFUSED", "refused for user '" + users.user(OPERATOR) + "'");
        assertThat(applied).isEmpty();
    }

    @Test
    void aVerificationKeysReplyFromAnyoneButAuthServiceIsIgnored() throws Exception {
        // the strongest attacker: it even learnt the reply address (from a request it could not consume)
        Channel attacker = confirmedChannel(LIKES);
        Channel auth = connect(AUTH).createChannel();
        authAnswers = props -> forgeReply(attacker, props);
        RpcClient gateway = rpcClient(GATEWAY);

        assertThatThrownBy(() -> gateway.callAndWait(AuthRpc.VERIFICATION_KEYS, new GetVerificationKeysRequest()))
                .isInstanceOf(RpcTimeoutException.class);

        authAnswers = props -> {
            forgeReply(attacker, props);
            reply(auth, props, AUTH, GENUINE_KEYS);
        };
        assertThat(gateway.callAndWait(AuthRpc.VERIFICATION_KEYS, new GetVerificationKeysRequest()))
                .isEqualTo(GENUINE_KEYS);
    }

    // ---------------------------------------------------------------- helpers

    /** like-service puts a message it may not send into notification-service's queue: it is dead-lettered. */
    private void deadLetterOneMessage(String queue) throws Exception {
        Channel channel = confirmedChannel(LIKES);
        channel.basicPublish("", queue, props(LIKES, "post.created"), json(postCreated()));
        channel.waitForConfirmsOrDie(5_000);
        Channel owner = connect(NOTIFICATIONS).createChannel();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> owner.queueDeclarePassive(names().deadLetterQueue(queue))
                                .getMessageCount()
                        > 0);
    }

    /** The management HTTP API, which the management UI calls, as one user. */
    private record ManagementApi(String url, String user, String password, String rawVhost) {
        private static final HttpClient HTTP = HttpClient.newHttpClient();

        String vhost() {
            return encode(rawVhost);
        }

        static String encode(String name) {
            return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        }

        HttpResponse<String> get(String path) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(url + path)).GET());
        }

        HttpResponse<String> post(String path, String json) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(url + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            String credentials =
                    Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            return HTTP.send(
                    request.header("Authorization", "Basic " + credentials)
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    private void forgeReply(Channel attacker, AMQP.BasicProperties request) {
        reply(attacker, request, LIKES, FORGED_KEYS);
        try {
            attacker.waitForConfirmsOrDie(5_000);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void reply(Channel channel, AMQP.BasicProperties request, String as, Object answer) {
        try {
            MessageProperties properties = new MessageProperties();
            properties.setCorrelationId(request.getCorrelationId());
            Message message = converter(as).toMessage(answer, properties);
            channel.basicPublish(
                    "",
                    request.getReplyTo(),
                    new DefaultMessagePropertiesConverter()
                            .fromMessageProperties(message.getMessageProperties(), StandardCharsets.UTF_8.name()),
                    message.getBody());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PostCreated postCreated() {
        return new PostCreated(
                UUID.randomUUID(),
                Instant.now(),
                1,
                UUID.randomUUID(),
                VICTIM,
                "forged",
                Instant.now(),
                null,
                null,
                null,
                null,
                List.of(),
                List.of(),
                null,
                null);
    }

    private static byte[] json(Object message) {
        return new ContractMessageConverter().toJson(message);
    }

    private static AMQP.BasicProperties props(String claimedSender, String type) {
        return new AMQP.BasicProperties.Builder()
                .type(type)
                .contentType(ContractMessageConverter.CONTENT_TYPE)
                .messageId(UUID.randomUUID().toString())
                .userId(users.user(claimedSender))
                .build();
    }

    private static void assertRefused(Channel channel, int replyCode) {
        assertThatThrownBy(() -> channel.waitForConfirmsOrDie(5_000))
                .satisfies(e -> assertThat(closeReason(e, channel)).contains("reply-code=" + replyCode));
    }

    private static String closeReason(Throwable failure, Channel channel) {
        ShutdownSignalException signal = channel.getCloseReason();
        return signal != null ? signal.getMessage() : String.valueOf(failure);
    }

    private static MessagingNames names() {
        return new MessagingNames(users.prefix(), "");
    }

    /** With an inventory of the one subscription the test declares, notification-service's probe. */
    private static Topology topology(String party) {
        return new Topology(
                new MessagingNames(users.prefix(), party),
                false,
                Topology.DEFAULT_DEAD_LETTER_MAX_LENGTH,
                Subscriptions.of(Subscription.of(NOTIFICATIONS, "probe", LikeAdded.class, PostCreated.class)));
    }

    private static ContractMessageConverter converter(String party) {
        return new ContractMessageConverter(users.user(party));
    }

    private Connection connect(String party) throws Exception {
        Connection connection = users.connectionFactory(party).newConnection();
        resources.add(() -> {
            if (connection.isOpen()) {
                connection.close();
            }
        });
        return connection;
    }

    private Channel confirmedChannel(String party) throws Exception {
        Channel channel = connect(party).createChannel();
        channel.confirmSelect();
        return channel;
    }

    private CachingConnectionFactory springConnections(String party) {
        CachingConnectionFactory connections = new CachingConnectionFactory(users.connectionFactory(party));
        resources.add(connections::destroy);
        return connections;
    }

    private RpcClient rpcClient(String party) {
        CachingConnectionFactory connections = springConnections(party);
        RabbitAdmin admin = new RabbitAdmin(connections);
        RpcClient client = new RpcClient(
                connections,
                converter(party),
                names(),
                Duration.ofSeconds(2),
                service -> admin.declareExchange(topology(party).rpcExchange(service)),
                1,
                100,
                senders,
                MessageObservations.none());
        resources.add(client);
        return client;
    }

    private static void declare(CachingConnectionFactory connections, Declarables declarables) {
        RabbitAdmin admin = new RabbitAdmin(connections);
        for (Object declarable : declarables.getDeclarables()) {
            if (declarable instanceof Exchange exchange) {
                admin.declareExchange(exchange);
            } else if (declarable instanceof Queue queue) {
                admin.declareQueue(queue);
            }
        }
        declarables.getDeclarablesByType(Binding.class).forEach(admin::declareBinding);
    }

    private void listen(CachingConnectionFactory connections, String queue, MessageListener listener) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
        container.setQueueNames(queue);
        container.setMessageListener(listener);
        container.setDefaultRequeueRejected(false);
        container.afterPropertiesSet();
        container.start();
        resources.add(container::stop);
    }

    /** Applies every event at once: this test is about who sent it, not about once-only delivery. */
    private static final class ApplyingInbox extends Inbox {
        ApplyingInbox() {
            super(null, null);
        }

        @Override
        public boolean applyOnce(String consumer, UUID eventId, Runnable effect) {
            effect.run();
            return true;
        }
    }
}
