package social.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.converter.MessageConversionException;

import social.contract.Acknowledged;
import social.contract.ErrorCode;
import social.contract.ErrorReply;
import social.contract.auth.UserRegistered;
import social.contract.follow.UserUnfollowed;

class ContractMessageConverterTest {
    private final ContractMessageConverter converter = new ContractMessageConverter();

    @Test
    void aRecordTravelsAsJsonUnderItsLogicalTypeIdAndComesBackEqual() {
        UserRegistered event = new UserRegistered(
                UUID.randomUUID(), Instant.parse("2026-11-21T10:15:30.123Z"), 1, UUID.randomUUID(), "alice", "Alice");
        Message message = converter.toMessage(event, new MessageProperties());

        assertThat(message.getMessageProperties().getType()).isEqualTo("user.registered");
        assertThat(message.getMessageProperties().getContentType()).isEqualTo("application/json");
        String json = new String(message.getBody(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"occurredAt\":\"2026-11-21T10:15:30.123Z\"").doesNotContain("social.contract");
        assertThat(converter.fromMessage(message)).isEqualTo(event);
    }

    @Test
    void emptyRepliesAndErrorRepliesConvert() {
        assertThat(converter.fromMessage(converter.toMessage(Acknowledged.INSTANCE, new MessageProperties())))
                .isEqualTo(Acknowledged.INSTANCE);
        ErrorReply error =
                new ErrorReply(ErrorCode.VALIDATION_FAILED, "bad", List.of(new ErrorReply.FieldError("f", "m")), null);
        assertThat(converter.fromMessage(converter.toMessage(error, new MessageProperties())))
                .isEqualTo(error);
    }

    @Test
    void aTypeOutsideTheContractIsRefusedBeforeAnyJsonIsBound() {
        MessageProperties properties = new MessageProperties();
        properties.setType("java.util.HashMap");
        assertThatThrownBy(() -> converter.fromMessage(new Message("{}".getBytes(), properties)))
                .isInstanceOf(MessageConversionException.class);
    }

    @Test
    void aTypeThatWouldForgeALogLineIsSaidEscaped() {
        MessageProperties properties = new MessageProperties();
        properties.setType("Nope\n2026-12-07T00:00:00Z ERROR forged");

        assertThatThrownBy(() -> converter.fromMessage(new Message("{}".getBytes(), properties)))
                .isInstanceOf(MessageConversionException.class)
                .hasMessageNotContaining("\n")
                .hasMessageContaining("\\u000a");
    }

    @Test
    void unknownFieldsFromNewerProducersAreIgnored() {
        MessageProperties properties = new MessageProperties();
        properties.setType("acknowledged");
        assertThat(converter.fromMessage(new Message("{\"addedLater\":1}".getBytes(), properties)))
                .isEqualTo(Acknowledged.INSTANCE);
    }

    @Test
    void aFollowEventPublishedBeforePairVersionsStillReadsAsUnversioned() {
        MessageProperties properties = new MessageProperties();
        properties.setType("user.unfollowed");
        String json = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"2026-11-21T10:15:30.123Z\","
                + "\"version\":1,\"followerId\":\"" + UUID.randomUUID() + "\",\"followeeId\":\"" + UUID.randomUUID()
                + "\"}";

        Object event = converter.fromMessage(new Message(json.getBytes(StandardCharsets.UTF_8), properties));

        assertThat(event)
                .isInstanceOfSatisfying(
                        UserUnfollowed.class,
                        unfollowed -> assertThat(unfollowed.pairVersion()).isZero());
    }

    @Test
    void objectsThatAreNotContractMessagesCannotBeSent() {
        assertThatThrownBy(() -> converter.toMessage("a string", new MessageProperties()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
