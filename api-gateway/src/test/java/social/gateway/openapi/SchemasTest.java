package social.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import social.contract.post.TagCount;
import social.contract.user.User;
import social.contract.user.UserSummary;

/** Each documented mirror of a contract record has the record's fields: the document cannot drift from the wire. */
class SchemasTest {

    static List<Class<?>[]> mirrors() {
        return List.of(
                new Class<?>[] {User.class, Schemas.UserSchema.class},
                new Class<?>[] {UserSummary.class, Schemas.UserSummarySchema.class},
                new Class<?>[] {TagCount.class, Schemas.TagCountSchema.class});
    }

    @ParameterizedTest
    @MethodSource("mirrors")
    void theMirrorHasTheRecordsComponentsInOrderAndOfTheSameTypes(Class<?> record, Class<?> mirror) {
        assertThat(components(mirror)).isEqualTo(components(record));
    }

    private static List<String> components(Class<?> record) {
        return Arrays.stream(record.getRecordComponents())
                .map(component ->
                        component.getName() + ":" + component.getGenericType().getTypeName())
                .toList();
    }
}
