package social.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import social.contract.auth.AuthRpc;
import social.contract.post.DeletePostRequest;
import social.contract.post.GetPostRequest;
import social.contract.post.PostRpc;
import social.contract.user.FindUsersByUsernamesRequest;
import social.contract.user.UserRpc;

class SendersTest {
    private static final UUID VICTIM = UUID.randomUUID();
    private final Senders senders = Senders.enforced("x.");

    @Test
    void onlyTheGatewayActsForAUser() {
        assertThat(senders.refusesRequest("x.api-gateway", PostRpc.DELETE, new DeletePostRequest(VICTIM, VICTIM)))
                .isEmpty();
        assertThat(senders.refusesRequest("x.like-service", PostRpc.DELETE, new DeletePostRequest(VICTIM, VICTIM)))
                .isPresent();
        assertThat(senders.refusesRequest("x.like-service", PostRpc.GET, new GetPostRequest(VICTIM, VICTIM)))
                .isPresent();
        assertThat(senders.refusesRequest("x.like-service", PostRpc.GET, new GetPostRequest(null, VICTIM)))
                .isEmpty();
        assertThat(senders.refusesRequest(
                        "x.notification-service",
                        UserRpc.FIND_BY_USERNAMES,
                        new FindUsersByUsernamesRequest(List.of("bob"))))
                .isEmpty();
    }

    @Test
    void aSenderOutsideThisDeploymentIsRefused() {
        assertThat(senders.refusesRequest(null, PostRpc.GET, new GetPostRequest(null, VICTIM)))
                .isPresent();
        assertThat(senders.refusesRequest("guest", PostRpc.GET, new GetPostRequest(null, VICTIM)))
                .isPresent();
        assertThat(senders.refusesRequest("api-gateway", PostRpc.GET, new GetPostRequest(null, VICTIM)))
                .as("the gateway of another deployment (no prefix)")
                .isPresent();
    }

    @Test
    void anEventComesOnlyFromItsOwner() {
        assertThat(senders.refusesEvent("x.post-service", "post.created")).isEmpty();
        assertThat(senders.refusesEvent("x.like-service", "post.created")).isPresent();
        assertThat(senders.refusesEvent("x.auth-service", "user.registered")).isEmpty();
        assertThat(senders.refusesEvent("x.followers-service", "user.followed")).isEmpty();
        assertThat(senders.refusesEvent(null, "like.added")).isPresent();
    }

    @Test
    void aReplyComesOnlyFromTheOperationsOwner() {
        assertThat(senders.refusesReply("x.auth-service", AuthRpc.VERIFICATION_KEYS))
                .isEmpty();
        assertThat(senders.refusesReply("x.like-service", AuthRpc.VERIFICATION_KEYS))
                .isPresent();
        assertThat(senders.refusesReply(null, AuthRpc.VERIFICATION_KEYS)).isPresent();
    }

    @Test
    void permissionsLetOnlyAuthServiceReadAuthRpcAndEachServicePublishOnlyItsEvents() {
        var grants = BrokerPermissions.grants("x.");
        for (var grant : grants) {
            boolean readsAuth =
                    Pattern.matches(grant.read(), "x.auth.rpc") || Pattern.matches(grant.read(), "x.auth.rpc.requests");
            assertThat(readsAuth).as(grant.party()).isEqualTo(grant.party().equals("auth-service"));
            assertThat(Pattern.matches(grant.topicWrite(), "post.created"))
                    .as(grant.party())
                    .isEqualTo(grant.party().equals("post-service"));
        }
        assertThat(grants).extracting(BrokerPermissions.Grant::user).contains("x.api-gateway", "x.like-service");
    }
}
