package social.contract.post;

import java.util.List;

import social.contract.Acknowledged;
import social.contract.rpc.Operation;

/** The operations post-service answers on {@code post.rpc}. */
public final class PostRpc {
    public static final String SERVICE = "post";

    public static final Operation<CreatePostRequest, PostResult> CREATE =
            new Operation<>(SERVICE, CreatePostRequest.class, PostResult.class);
    public static final Operation<GetPostRequest, PostResult> GET =
            new Operation<>(SERVICE, GetPostRequest.class, PostResult.class);
    /** Posts by id in the order asked, missing ones left out. */
    public static final Operation<GetPostsRequest, PostList> GET_MANY =
            new Operation<>(SERVICE, GetPostsRequest.class, PostList.class);

    public static final Operation<DeletePostRequest, Acknowledged> DELETE =
            new Operation<>(SERVICE, DeletePostRequest.class, Acknowledged.class);
    public static final Operation<GetRepliesRequest, PostPage> GET_REPLIES =
            new Operation<>(SERVICE, GetRepliesRequest.class, PostPage.class);
    public static final Operation<RepostRequest, PostResult> REPOST =
            new Operation<>(SERVICE, RepostRequest.class, PostResult.class);
    public static final Operation<UndoRepostRequest, Acknowledged> UNDO_REPOST =
            new Operation<>(SERVICE, UndoRepostRequest.class, Acknowledged.class);
    public static final Operation<GetUserPostsRequest, PostPage> GET_USER_POSTS =
            new Operation<>(SERVICE, GetUserPostsRequest.class, PostPage.class);
    public static final Operation<GetHomeTimelineRequest, PostPage> GET_HOME_TIMELINE =
            new Operation<>(SERVICE, GetHomeTimelineRequest.class, PostPage.class);
    public static final Operation<GetTagPostsRequest, PostPage> GET_TAG_POSTS =
            new Operation<>(SERVICE, GetTagPostsRequest.class, PostPage.class);
    public static final Operation<GetTrendingTagsRequest, TrendingTags> GET_TRENDING_TAGS =
            new Operation<>(SERVICE, GetTrendingTagsRequest.class, TrendingTags.class);
    public static final Operation<SearchPostsRequest, PostPage> SEARCH =
            new Operation<>(SERVICE, SearchPostsRequest.class, PostPage.class);
    public static final Operation<GetQuotesRequest, PostPage> GET_QUOTES =
            new Operation<>(SERVICE, GetQuotesRequest.class, PostPage.class);
    public static final Operation<EditPostRequest, PostResult> EDIT =
            new Operation<>(SERVICE, EditPostRequest.class, PostResult.class);
    public static final Operation<GetPostHistoryRequest, PostHistory> GET_HISTORY =
            new Operation<>(SERVICE, GetPostHistoryRequest.class, PostHistory.class);

    /** The thread around a post: its ancestors and the replies below it. */
    public static final Operation<GetPostContextRequest, PostContext> GET_CONTEXT =
            new Operation<>(SERVICE, GetPostContextRequest.class, PostContext.class);
    /** Tags by prefix, for autocomplete. */
    public static final Operation<SearchTagsRequest, MatchingTags> SEARCH_TAGS =
            new Operation<>(SERVICE, SearchTagsRequest.class, MatchingTags.class);

    public static final List<Class<?>> MESSAGES = List.of(
            CreatePostRequest.class,
            GetPostRequest.class,
            DeletePostRequest.class,
            GetRepliesRequest.class,
            RepostRequest.class,
            UndoRepostRequest.class,
            GetUserPostsRequest.class,
            GetHomeTimelineRequest.class,
            GetPostsRequest.class,
            GetTagPostsRequest.class,
            GetTrendingTagsRequest.class,
            SearchPostsRequest.class,
            GetQuotesRequest.class,
            EditPostRequest.class,
            GetPostHistoryRequest.class,
            PostResult.class,
            PostPage.class,
            TrendingTags.class,
            PostHistory.class,
            PostList.class,
            GetPostContextRequest.class,
            PostContext.class,
            SearchTagsRequest.class,
            MatchingTags.class);

    private PostRpc() {}
}
