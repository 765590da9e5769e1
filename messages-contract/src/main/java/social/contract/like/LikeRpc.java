package social.contract.like;

import java.util.List;

import social.contract.Acknowledged;
import social.contract.rpc.Operation;

/** The operations like-service answers on {@code like.rpc}. */
public final class LikeRpc {
    public static final String SERVICE = "like";

    /** Like counts and the caller's likes and bookmarks for a page of posts: one question per page. */
    public static final Operation<GetLikeStatesRequest, LikeStates> GET_LIKE_STATES =
            new Operation<>(SERVICE, GetLikeStatesRequest.class, LikeStates.class);

    public static final Operation<LikePostRequest, Acknowledged> LIKE =
            new Operation<>(SERVICE, LikePostRequest.class, Acknowledged.class);
    public static final Operation<UnlikePostRequest, Acknowledged> UNLIKE =
            new Operation<>(SERVICE, UnlikePostRequest.class, Acknowledged.class);
    public static final Operation<GetLikersRequest, LikerPage> GET_LIKERS =
            new Operation<>(SERVICE, GetLikersRequest.class, LikerPage.class);

    public static final Operation<BookmarkPostRequest, Acknowledged> BOOKMARK =
            new Operation<>(SERVICE, BookmarkPostRequest.class, Acknowledged.class);
    public static final Operation<UnbookmarkPostRequest, Acknowledged> UNBOOKMARK =
            new Operation<>(SERVICE, UnbookmarkPostRequest.class, Acknowledged.class);
    /** The caller's bookmarked post ids, newest bookmark first. */
    public static final Operation<GetBookmarksRequest, BookmarkPage> GET_BOOKMARKS =
            new Operation<>(SERVICE, GetBookmarksRequest.class, BookmarkPage.class);

    public static final List<Class<?>> MESSAGES = List.of(
            GetLikeStatesRequest.class,
            LikeStates.class,
            LikePostRequest.class,
            UnlikePostRequest.class,
            GetLikersRequest.class,
            LikerPage.class,
            BookmarkPostRequest.class,
            UnbookmarkPostRequest.class,
            GetBookmarksRequest.class,
            BookmarkPage.class);

    private LikeRpc() {}
}
