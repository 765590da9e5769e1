package social.support.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import social.contract.ErrorCode;
import social.support.error.ServiceException;
import social.support.id.Ids;

class IdCursorTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t"})
    void noCursorStartsAtTheGivenEnd(String cursor) {
        assertThat(IdCursor.parse(cursor, IdCursor.NEWEST)).isEqualTo(IdCursor.NEWEST);
        assertThat(IdCursor.parse(cursor, IdCursor.OLDEST)).isEqualTo(IdCursor.OLDEST);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "garbage",
                "1-2-3-4-5",
                "0190a5b0-0000-7000-8000-00000000000g",
                " 0190a5b0-0000-7000-8000-000000000001",
                "MDE5MGE1YjAtMDAwMC03MDAwLTgwMDAtMDAwMDAwMDAwMDAx"
            })
    void anythingButAnIdItHandedOutIsAValidationError(String cursor) {
        assertThatThrownBy(() -> IdCursor.parse(cursor, IdCursor.NEWEST))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.reply().code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.reply().errors())
                            .extracting(error -> error.field())
                            .containsExactly("cursor");
                });
    }

    @Test
    void theNextCursorOfAPageParsesBackToItsLastId() {
        List<UUID> ids = List.of(Ids.newId(), Ids.newId(), Ids.newId());

        String next = IdCursor.page(ids, 2, id -> id, (page, cursor) -> cursor);

        assertThat(IdCursor.parse(next, IdCursor.NEWEST)).isEqualTo(ids.get(1));
    }

    @Test
    void aPageQueriedWithOneRowMoreThanItsLimitHoldsTheLimitAndNamesItsLastIdAsNextCursor() {
        List<Row> rows = List.of(new Row(Ids.newId()), new Row(Ids.newId()), new Row(Ids.newId()));

        Page page = IdCursor.page(rows, 2, Row::id, Page::new);

        assertThat(page.items()).containsExactly(rows.get(0), rows.get(1));
        assertThat(page.nextCursor()).isEqualTo(rows.get(1).id().toString());
    }

    @Test
    void theLastPageHasNoNextCursor() {
        List<Row> rows = List.of(new Row(Ids.newId()), new Row(Ids.newId()));

        Page full = IdCursor.page(rows, 2, Row::id, Page::new);
        Page empty = IdCursor.page(List.of(), 2, Row::id, Page::new);

        assertThat(full.items()).containsExactlyElementsOf(rows);
        assertThat(full.nextCursor()).isNull();
        assertThat(empty.items()).isEmpty();
        assertThat(empty.nextCursor()).isNull();
    }

    private record Row(UUID id) {}

    private record Page(List<Row> items, String nextCursor) {}
}
