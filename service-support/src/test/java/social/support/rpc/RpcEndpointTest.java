package social.support.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import social.contract.ErrorCode;
import social.contract.ErrorReply;
import social.contract.post.GetPostRequest;
import social.contract.post.PostRpc;
import social.contract.user.FindUserByUsernameRequest;
import social.contract.user.GetUserRequest;
import social.contract.user.User;
import social.contract.user.UserRpc;
import social.support.messaging.ContractMessageConverter;
import social.support.messaging.MessageObservations;
import social.support.messaging.MessagingNames;
import social.support.messaging.Senders;
import social.support.messaging.Topology;

class RpcEndpointTest {
    private static final String REPLY_TO = "amq.rabbitmq.reply-to.test";

    private final ContractMessageConverter converter = new ContractMessageConverter();
    private final Topology topology = new Topology(new MessagingNames("test.", "user-service"), false);

    @Test
    void endpointsOfOneServiceShareOneQueueAndOneListenerAnswersTheOperationsOfEach() throws Exception {
        RpcEndpoint byId = endpoint(
                "byIdEndpoint",
                RpcEndpoint.answering(UserRpc.SERVICE, topology).on(UserRpc.GET, request -> user("by-id")));
        RpcEndpoint byName = endpoint(
                "byNameEndpoint",
                RpcEndpoint.answering(UserRpc.SERVICE, topology)
                        .on(UserRpc.FIND_BY_USERNAME, request -> user("by-name")));

        Map<String, MessageListener> listeners = RpcEndpoint.listenersByQueue(
                List.of(byId, byName), converter, Senders.unchecked(), MessageObservations.none());

        assertThat(listeners).containsOnlyKeys("test.user.rpc.requests");
        MessageListener listener = listeners.get("test.user.rpc.requests");
        assertThat(answer(listener, UserRpc.GET.routingKey(), new GetUserRequest(UUID.randomUUID())))
                .isInstanceOfSatisfying(
                        User.class, user -> assertThat(user.username()).isEqualTo("by-id"));
        assertThat(answer(listener, UserRpc.FIND_BY_USERNAME.routingKey(), new FindUserByUsernameRequest("x")))
                .isInstanceOfSatisfying(
                        User.class, user -> assertThat(user.username()).isEqualTo("by-name"));
    }

    @Test
    void anOperationNoEndpointAnswersIsRefusedAsNotFound() throws Exception {
        RpcEndpoint byId = endpoint(
                "byIdEndpoint",
                RpcEndpoint.answering(UserRpc.SERVICE, topology).on(UserRpc.GET, request -> user("by-id")));
        MessageListener listener = RpcEndpoint.listenersByQueue(
                        List.of(byId), converter, Senders.unchecked(), MessageObservations.none())
                .get("test.user.rpc.requests");

        assertThat(answer(listener, UserRpc.FIND_BY_USERNAME.routingKey(), new FindUserByUsernameRequest("x")))
                .isInstanceOfSatisfying(
                        ErrorReply.class, reply -> assertThat(reply.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void endpointsOfDifferentServicesGetAListenerEach() {
        RpcEndpoint users = endpoint(
                "users", RpcEndpoint.answering(UserRpc.SERVICE, topology).on(UserRpc.GET, request -> user("by-id")));
        RpcEndpoint posts = endpoint(
                "posts", RpcEndpoint.answering(PostRpc.SERVICE, topology).on(PostRpc.GET, request -> null));

        assertThat(RpcEndpoint.listenersByQueue(
                        List.of(users, posts), converter, Senders.unchecked(), MessageObservations.none()))
                .containsOnlyKeys("test.user.rpc.requests", "test.post.rpc.requests");
    }

    @Test
    void twoEndpointsAnsweringTheSameOperationFailNamingTheOperationAndBothBeans() {
        RpcEndpoint first = endpoint(
                "profileEndpoint",
                RpcEndpoint.answering(UserRpc.SERVICE, topology).on(UserRpc.GET, request -> user("first")));
        RpcEndpoint second = endpoint(
                "lookupEndpoint",
                RpcEndpoint.answering(UserRpc.SERVICE, topology)
                        .on(UserRpc.FIND_BY_USERNAME, request -> user("second"))
                        .on(UserRpc.GET, request -> user("second")));

        assertThatThrownBy(() -> RpcEndpoint.listenersByQueue(
                        List.of(first, second), converter, Senders.unchecked(), MessageObservations.none()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(UserRpc.GET.routingKey())
                .hasMessageContaining("'profileEndpoint'")
                .hasMessageContaining("'lookupEndpoint'");
    }

    @Test
    void anEndpointRefusesAnOperationOfAnotherService() {
        RpcEndpoint.Builder users = RpcEndpoint.answering(UserRpc.SERVICE, topology);

        assertThatThrownBy(() -> users.on(PostRpc.GET, (GetPostRequest request) -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(PostRpc.GET.routingKey());
    }

    @Test
    void aRequestWhoseDatabaseIsUnreachableIsAnsweredUnavailableNotInternal() throws Exception {
        // a real outage: nothing listens on port 1, so the driver's connect fails as it would with the database down
        JdbcTemplate unreachable = new JdbcTemplate(
                new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/social?connectTimeout=1", "nobody", ""));
        RpcEndpoint byId = endpoint(
                "byIdEndpoint",
                RpcEndpoint.answering(UserRpc.SERVICE, topology)
                        .on(UserRpc.GET, request -> user(unreachable.queryForObject("SELECT 'x'", String.class))));
        MessageListener listener = RpcEndpoint.listenersByQueue(
                        List.of(byId), converter, Senders.unchecked(), MessageObservations.none())
                .get("test.user.rpc.requests");

        assertThat(answer(listener, UserRpc.GET.routingKey(), new GetUserRequest(UUID.randomUUID())))
                .isInstanceOfSatisfying(
                        ErrorReply.class, reply -> assertThat(reply.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    }

    @Test
    void aHandlerThatFailsByItselfIsStillAnInternalError() throws Exception {
        RpcEndpoint byId = endpoint(
                "byIdEndpoint", RpcEndpoint.answering(UserRpc.SERVICE, topology).on(UserRpc.GET, request -> {
                    throw new IllegalStateException("a bug");
                }));
        MessageListener listener = RpcEndpoint.listenersByQueue(
                        List.of(byId), converter, Senders.unchecked(), MessageObservations.none())
                .get("test.user.rpc.requests");

        assertThat(answer(listener, UserRpc.GET.routingKey(), new GetUserRequest(UUID.randomUUID())))
                .isInstanceOfSatisfying(
                        ErrorReply.class, reply -> assertThat(reply.code()).isEqualTo(ErrorCode.INTERNAL));
    }

    private static RpcEndpoint endpoint(String beanName, RpcEndpoint.Builder builder) {
        RpcEndpoint endpoint = builder.build();
        endpoint.setBeanName(beanName);
        return endpoint;
    }

    private static User user(String username) {
        return new User(UUID.randomUUID(), username, username, "", Instant.EPOCH, 0, 0, 0);
    }

    /** Hands {@code request} to {@code listener} as the broker would, and reads the reply it publishes. */
    private Object answer(MessageListener listener, String routingKey, Object request) throws Exception {
        MessageProperties properties = new MessageProperties();
        properties.setReceivedRoutingKey(routingKey);
        properties.setReplyTo(REPLY_TO);
        properties.setCorrelationId(UUID.randomUUID().toString());
        Channel channel = mock(Channel.class);
        ((ChannelAwareMessageListener) listener).onMessage(converter.toMessage(request, properties), channel);

        ArgumentCaptor<AMQP.BasicProperties> replyProperties = ArgumentCaptor.forClass(AMQP.BasicProperties.class);
        ArgumentCaptor<byte[]> body = ArgumentCaptor.forClass(byte[].class);
        verify(channel).basicPublish(eq(""), eq(REPLY_TO), eq(false), replyProperties.capture(), body.capture());
        MessageProperties reply = new MessageProperties();
        reply.setType(replyProperties.getValue().getType());
        return converter.fromMessage(new Message(body.getValue(), reply));
    }
}
