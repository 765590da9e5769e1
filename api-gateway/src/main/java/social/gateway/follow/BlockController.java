package social.gateway.follow;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import social.contract.follow.BlockUserRequest;
import social.contract.follow.FollowPage;
import social.contract.follow.FollowRpc;
import social.contract.follow.GetBlocksRequest;
import social.contract.follow.GetMutesRequest;
import social.contract.follow.MuteUserRequest;
import social.contract.follow.UnblockUserRequest;
import social.contract.follow.UnmuteUserRequest;
import social.contract.user.UserSummary;
import social.gateway.security.AuthenticatedUser;
import social.gateway.security.Caller;
import social.gateway.user.UserDirectory;
import social.gateway.web.Page;
import social.gateway.web.PageSize;
import social.support.rpc.RpcClient;

/**
 * Blocking and muting users, and the caller's lists of both. followers-service owns them; unknown
 * users are 404 (user-service is asked first).
 */
@RestController
@Tag(name = "blocks", description = "Blocks and mutes")
class BlockController {
    private final RpcClient rpc;
    private final UserDirectory users;

    BlockController(RpcClient rpc, UserDirectory users) {
        this.rpc = rpc;
        this.users = users;
    }

    @PutMapping("/api/users/{id}/block")
    @Operation(
            operationId = "blockUser",
            summary = "Block a user",
            description = "Idempotent. Ends the follows between the two, both ways; neither can follow the other or"
                    + " like, repost, quote, reply to or bookmark the other's posts (403), nor see the other's posts"
                    + " in timelines, replies, tag pages or search; no notifications pass between them. 400 for"
                    + " yourself.")
    RelationshipView block(@Caller AuthenticatedUser caller, @PathVariable("id") UUID userId) {
        users.requireExisting(userId);
        return RelationshipView.of(rpc.callAndWait(FollowRpc.BLOCK, new BlockUserRequest(caller.id(), userId)));
    }

    @DeleteMapping("/api/users/{id}/block")
    @Operation(operationId = "unblockUser", summary = "Stop blocking a user", description = "Idempotent.")
    RelationshipView unblock(@Caller AuthenticatedUser caller, @PathVariable("id") UUID userId) {
        users.requireExisting(userId);
        return RelationshipView.of(rpc.callAndWait(FollowRpc.UNBLOCK, new UnblockUserRequest(caller.id(), userId)));
    }

    @PutMapping("/api/users/{id}/mute")
    @Operation(
            operationId = "muteUser",
            summary = "Mute a user",
            description = "Idempotent; the muted user is not told. Their posts and reposts leave the caller's home"
                    + " timeline, tag pages and search, and their notifications to the caller are not created;"
                    + " following stays. 400 for yourself.")
    RelationshipView mute(@Caller AuthenticatedUser caller, @PathVariable("id") UUID userId) {
        users.requireExisting(userId);
        return RelationshipView.of(rpc.callAndWait(FollowRpc.MUTE, new MuteUserRequest(caller.id(), userId)));
    }

    @DeleteMapping("/api/users/{id}/mute")
    @Operation(operationId = "unmuteUser", summary = "Stop muting a user", description = "Idempotent.")
    RelationshipView unmute(@Caller AuthenticatedUser caller, @PathVariable("id") UUID userId) {
        users.requireExisting(userId);
        return RelationshipView.of(rpc.callAndWait(FollowRpc.UNMUTE, new UnmuteUserRequest(caller.id(), userId)));
    }

    @GetMapping("/api/blocks")
    @Operation(operationId = "getBlockedUsers", summary = "Whom the caller blocks, newest block first")
    Page<UserSummary> blocks(
            @Caller AuthenticatedUser caller,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        FollowPage page =
                rpc.callAndWait(FollowRpc.GET_BLOCKS, new GetBlocksRequest(caller.id(), PageSize.of(limit), cursor));
        return users.page(page.userIds(), page.nextCursor());
    }

    @GetMapping("/api/mutes")
    @Operation(operationId = "getMutedUsers", summary = "Whom the caller mutes, newest mute first")
    Page<UserSummary> mutes(
            @Caller AuthenticatedUser caller,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        FollowPage page =
                rpc.callAndWait(FollowRpc.GET_MUTES, new GetMutesRequest(caller.id(), PageSize.of(limit), cursor));
        return users.page(page.userIds(), page.nextCursor());
    }
}
