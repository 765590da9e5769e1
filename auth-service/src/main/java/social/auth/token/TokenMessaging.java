package social.auth.token;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.contract.auth.AuthRpc;
import social.support.messaging.Topology;
import social.support.rpc.RpcEndpoint;

/** What auth-service answers on {@code auth.rpc} about tokens: refreshing, revoking, verifying them. */
@Configuration(proxyBeanMethods = false)
class TokenMessaging {

    @Bean
    RpcEndpoint tokenEndpoint(Topology topology, TokenRotation tokens, SigningKeys keys) {
        return RpcEndpoint.answering(AuthRpc.SERVICE, topology)
                .on(AuthRpc.REFRESH, tokens::refresh)
                .on(AuthRpc.LOGOUT, tokens::logout)
                .on(AuthRpc.VERIFICATION_KEYS, request -> keys.verificationKeys())
                .build();
    }
}
