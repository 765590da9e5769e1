package social.auth.credentials;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.contract.auth.AuthRpc;
import social.support.messaging.Topology;
import social.support.rpc.RpcEndpoint;

/** What auth-service answers on {@code auth.rpc} about credentials: registering, changing a password. */
@Configuration(proxyBeanMethods = false)
class CredentialsMessaging {

    @Bean
    RpcEndpoint credentialsEndpoint(Topology topology, Registration registration, PasswordChange passwordChange) {
        return RpcEndpoint.answering(AuthRpc.SERVICE, topology)
                .on(AuthRpc.REGISTER, registration::register)
                .on(AuthRpc.CHANGE_PASSWORD, passwordChange::change)
                .build();
    }
}
