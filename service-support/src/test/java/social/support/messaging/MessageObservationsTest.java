package social.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageProperties;

import social.contract.registry.MessageTypes;

/** Meter tags come from what the contract knows, never from what a sender writes in a message. */
class MessageObservationsTest {
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final MessageObservations observations = new MessageObservations(observed(meters));

    @Test
    void typesOutsideTheContractShareOneTagHoweverManyASenderInvents() {
        for (int i = 0; i < 1_000; i++) {
            MessageObservations.stop(
                    observations
                            .eventTaken("q", "Invented" + i, new MessageProperties())
                            .start(),
                    "dropped");
        }

        assertThat(meters.find(MessageObservations.EVENTS).timers()).hasSize(1);
        assertThat(meters.get(MessageObservations.EVENTS).timer().getId().getTag("type"))
                .isEqualTo("unknown");
    }

    @Test
    void aContractTypeIsItsOwnTag() {
        String known = MessageTypes.idOf(MessageTypes.all().get(0));

        MessageObservations.stop(
                observations.eventTaken("q", known, new MessageProperties()).start(), "applied");

        assertThat(meters.get(MessageObservations.EVENTS)
                        .tag("type", known)
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    private static ObservationRegistry observed(MeterRegistry meters) {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        return registry;
    }
}
