package social.like.like;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import social.contract.like.GetLikeStatesRequest;
import social.contract.like.LikeRpc;
import social.contract.like.LikeStates.LikeState;
import social.support.rpc.RpcClient;
import social.support.testing.ServiceIntegrationTest;

/** like-service answers a page's like counts and the caller's likes in one question. */
@ServiceIntegrationTest
class LikeStatesIT {
    @Autowired
    RpcClient rpc;
    @Autowired
    JdbcClient db;

    @Test
    void countsAndTheCallersLikesForEveryPostAskedAboutWithZeroForUnlikedPosts() {
        UUID liked = UUID.randomUUID();
        UUID unliked = UUID.randomUUID();
        UUID caller = UUID.randomUUID();
        like(liked, caller);
        like(liked, UUID.randomUUID());

        List<LikeState> states = rpc.call(LikeRpc.GET_LIKE_STATES, new GetLikeStatesRequest(caller, List.of(liked, unliked)))
                .join().states();
        List<LikeState> anonymous = rpc.call(LikeRpc.GET_LIKE_STATES, new GetLikeStatesRequest(null, List.of(liked)))
                .join().states();

        assertThat(states).containsExactlyInAnyOrder(new LikeState(liked, 2, true), new LikeState(unliked, 0, false));
        assertThat(anonymous).containsExactly(new LikeState(liked, 2, false));
    }

    /** As the like endpoints of the next issue will: the like and its count in one transaction. */
    private void like(UUID postId, UUID userId) {
        db.sql("INSERT INTO post_like (post_id, user_id, created_at) VALUES (?, ?, now())").params(postId, userId).update();
        db.sql("""
                INSERT INTO like_count (post_id, like_count) VALUES (?, 1)
                ON CONFLICT (post_id) DO UPDATE SET like_count = like_count.like_count + 1""").params(postId).update();
    }
}
