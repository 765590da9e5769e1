package social.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Queue;

class TopologyTest {
    private final MessagingNames names = new MessagingNames("test.", "post-service");

    @Test
    void aDeadLetterQueueIsBoundedAndItsRedeclarationMayBeRefused() {
        Queue deadLetters = new Topology(names, false, 1_000).deadLetterQueue("test.post-service.follow-graph");

        assertThat(deadLetters.getName()).isEqualTo("test.post-service.follow-graph.dlq");
        assertThat(deadLetters.isDurable()).isTrue();
        assertThat(deadLetters.getArguments()).containsEntry("x-max-length", 1_000);
        // declared earlier without the bound, RabbitMQ refuses it: the service starts all the same
        assertThat(deadLetters.isIgnoreDeclarationExceptions()).isTrue();
    }

    @Test
    void deadLetterQueuesKeepAHundredThousandMessagesByDefault() {
        assertThat(new Topology(names, false).deadLetterQueue("q").getArguments())
                .containsEntry("x-max-length", 100_000);
    }
}
