package social.contract.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import social.contract.Event;
import social.contract.MessageType;
import social.contract.auth.AuthEvents;
import social.contract.follow.FollowEvents;
import social.contract.like.LikeEvents;
import social.contract.notification.NotificationEvents;
import social.contract.post.PostEvents;
import social.contract.post.PostRpc;
import social.contract.user.UserEvents;

class MessageTypesTest {

    @Test
    void everyAnnotatedMessageOfTheContractIsRegistered() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(MessageType.class));
        Set<String> annotated = scanner.findCandidateComponents("social.contract").stream()
                .map(definition -> definition.getBeanClassName())
                .collect(Collectors.toSet());
        Set<String> registered = MessageTypes.all().stream().map(Class::getName).collect(Collectors.toSet());

        assertThat(registered).isEqualTo(annotated);
    }

    @Test
    void everyMessageIsARecordWithAUniqueIdThatIsNoClassName() {
        assertThat(MessageTypes.all()).allSatisfy(type -> {
            assertThat(type.isRecord()).as(type.getName()).isTrue();
            assertThat(MessageTypes.idOf(type))
                    .doesNotContain(type.getSimpleName())
                    .doesNotContain("social.");
            assertThat(MessageTypes.classOf(MessageTypes.idOf(type))).contains(type);
        });
    }

    @Test
    void eventsUseTheirRoutingKeyAsTypeIdInAggregateDotPastTenseForm() {
        MessageTypes.all().stream()
                .filter(Event.class::isAssignableFrom)
                .forEach(type -> assertThat(MessageTypes.idOf(type)).matches("[a-z]+\\.[a-z-]+"));
    }

    @Test
    void unknownIdsResolveToNothing() {
        assertThat(MessageTypes.classOf("java.util.HashMap")).isEmpty();
        assertThat(MessageTypes.classOf(null)).isEmpty();
    }

    @Test
    void eachOwnersEventListHoldsItsEventsAndNothingElse() {
        List<List<Class<?>>> eventLists = List.of(
                AuthEvents.MESSAGES,
                UserEvents.MESSAGES,
                PostEvents.MESSAGES,
                FollowEvents.MESSAGES,
                LikeEvents.MESSAGES,
                NotificationEvents.MESSAGES);
        Set<Class<?>> listedAsEvents = eventLists.stream().flatMap(List::stream).collect(Collectors.toSet());
        Set<Class<?>> events = MessageTypes.all().stream()
                .filter(Event.class::isAssignableFrom)
                .collect(Collectors.toSet());

        assertThat(listedAsEvents).isEqualTo(events);
    }

    @Test
    void anOperationsRoutingKeyIsTheRegisteredIdOfItsRequest() {
        assertThat(PostRpc.CREATE.routingKey())
                .isEqualTo(MessageTypes.idOf(PostRpc.CREATE.requestType()))
                .isEqualTo("post.create");
    }
}
