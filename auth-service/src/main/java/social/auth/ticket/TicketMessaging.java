package social.auth.ticket;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.auth.AuthProperties;
import social.contract.auth.AuthRpc;
import social.support.messaging.Topology;
import social.support.purge.PeriodicPurge;
import social.support.rpc.RpcEndpoint;

/** What auth-service answers on {@code auth.rpc} about notification stream tickets, and their purge. */
@Configuration(proxyBeanMethods = false)
class TicketMessaging {

    @Bean
    RpcEndpoint streamTicketEndpoint(Topology topology, StreamTickets tickets) {
        return RpcEndpoint.answering(AuthRpc.SERVICE, topology)
                .on(AuthRpc.ISSUE_STREAM_TICKET, tickets::issue)
                .on(AuthRpc.REDEEM_STREAM_TICKET, tickets::redeem)
                .build();
    }

    /** Tickets that expired unused; a user's are bounded anyway, this keeps the table to the live ones. */
    @Bean
    PeriodicPurge streamTicketPurge(StreamTickets tickets, AuthProperties properties) {
        return new PeriodicPurge("expired stream tickets", properties.purge().interval(), tickets::purgeExpired);
    }
}
