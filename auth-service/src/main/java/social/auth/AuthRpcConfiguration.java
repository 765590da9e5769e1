package social.auth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.auth.credentials.Registration;
import social.auth.login.Login;
import social.auth.token.SigningKeys;
import social.auth.token.TokenRotation;
import social.contract.auth.AuthRpc;
import social.support.messaging.Topology;
import social.support.rpc.RpcEndpoint;

/** What auth-service answers on {@code auth.rpc}. */
@Configuration(proxyBeanMethods = false)
class AuthRpcConfiguration {

    @Bean
    RpcEndpoint authEndpoint(Topology topology, Registration registration, Login login, TokenRotation tokens,
                             SigningKeys keys) {
        return RpcEndpoint.answering(AuthRpc.SERVICE, topology)
                .on(AuthRpc.REGISTER, registration::register)
                .on(AuthRpc.LOGIN, login::login)
                .on(AuthRpc.REFRESH, tokens::refresh)
                .on(AuthRpc.LOGOUT, tokens::logout)
                .on(AuthRpc.VERIFICATION_KEYS, request -> keys.verificationKeys())
                .build();
    }
}
