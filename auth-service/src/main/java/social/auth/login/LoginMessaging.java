package social.auth.login;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.contract.auth.AuthRpc;
import social.support.messaging.Topology;
import social.support.rpc.RpcEndpoint;

/** What auth-service answers on {@code auth.rpc} about logging in. */
@Configuration(proxyBeanMethods = false)
class LoginMessaging {

    @Bean
    RpcEndpoint loginEndpoint(Topology topology, Login login) {
        return RpcEndpoint.answering(AuthRpc.SERVICE, topology)
                .on(AuthRpc.LOGIN, login::login)
                .build();
    }
}
