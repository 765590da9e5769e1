package social.auth.denial;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.auth.AuthProperties;
import social.contract.auth.AuthRpc;
import social.support.messaging.Topology;
import social.support.purge.PeriodicPurge;
import social.support.rpc.RpcEndpoint;

/** What auth-service answers on {@code auth.rpc} about the live access denials, and their purge. */
@Configuration(proxyBeanMethods = false)
class DenialMessaging {

    @Bean
    RpcEndpoint accessDenialEndpoint(Topology topology, AccessDenialLog denials) {
        return RpcEndpoint.answering(AuthRpc.SERVICE, topology)
                .on(AuthRpc.LIST_ACCESS_DENIALS, denials::list)
                .build();
    }

    @Bean
    PeriodicPurge accessDenialPurge(AccessDenialLog denials, AuthProperties properties) {
        return new PeriodicPurge(
                "access denials no token needs", properties.purge().interval(), denials::purge);
    }
}
