package social.contract.follow;

import java.util.List;

import social.contract.Acknowledged;
import social.contract.rpc.Operation;

/** The operations followers-service answers on {@code followers.rpc}. */
public final class FollowRpc {
    public static final String SERVICE = "followers";

    public static final Operation<FollowUserRequest, Relationship> FOLLOW =
            new Operation<>(SERVICE, FollowUserRequest.class, Relationship.class);
    public static final Operation<UnfollowUserRequest, Acknowledged> UNFOLLOW =
            new Operation<>(SERVICE, UnfollowUserRequest.class, Acknowledged.class);
    public static final Operation<SetFollowNotifyRequest, Relationship> SET_NOTIFY =
            new Operation<>(SERVICE, SetFollowNotifyRequest.class, Relationship.class);
    public static final Operation<GetRelationshipRequest, Relationship> GET_RELATIONSHIP =
            new Operation<>(SERVICE, GetRelationshipRequest.class, Relationship.class);
    public static final Operation<GetFollowersRequest, FollowPage> GET_FOLLOWERS =
            new Operation<>(SERVICE, GetFollowersRequest.class, FollowPage.class);
    public static final Operation<GetFollowingRequest, FollowPage> GET_FOLLOWING =
            new Operation<>(SERVICE, GetFollowingRequest.class, FollowPage.class);

    public static final Operation<BlockUserRequest, Relationship> BLOCK =
            new Operation<>(SERVICE, BlockUserRequest.class, Relationship.class);
    public static final Operation<UnblockUserRequest, Relationship> UNBLOCK =
            new Operation<>(SERVICE, UnblockUserRequest.class, Relationship.class);
    public static final Operation<MuteUserRequest, Relationship> MUTE =
            new Operation<>(SERVICE, MuteUserRequest.class, Relationship.class);
    public static final Operation<UnmuteUserRequest, Relationship> UNMUTE =
            new Operation<>(SERVICE, UnmuteUserRequest.class, Relationship.class);
    public static final Operation<GetBlocksRequest, FollowPage> GET_BLOCKS =
            new Operation<>(SERVICE, GetBlocksRequest.class, FollowPage.class);
    public static final Operation<GetMutesRequest, FollowPage> GET_MUTES =
            new Operation<>(SERVICE, GetMutesRequest.class, FollowPage.class);

    public static final List<Class<?>> MESSAGES = List.of(
            FollowUserRequest.class,
            UnfollowUserRequest.class,
            SetFollowNotifyRequest.class,
            GetRelationshipRequest.class,
            GetFollowersRequest.class,
            GetFollowingRequest.class,
            BlockUserRequest.class,
            UnblockUserRequest.class,
            MuteUserRequest.class,
            UnmuteUserRequest.class,
            GetBlocksRequest.class,
            GetMutesRequest.class,
            Relationship.class,
            FollowPage.class);

    private FollowRpc() {}
}
