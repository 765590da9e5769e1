package social.contract.user;

import java.util.List;

import social.contract.MessageType;

@MessageType("user.summary-page")
public record UserSummaryPage(List<UserSummary> items, String nextCursor) {
    public UserSummaryPage {
        items = List.copyOf(items);
    }
}
