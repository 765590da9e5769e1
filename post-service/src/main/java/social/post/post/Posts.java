package social.post.post;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import social.contract.Acknowledged;
import social.contract.ErrorCode;
import social.contract.ErrorReply;
import social.contract.post.CreatePostRequest;
import social.contract.post.DeletePostRequest;
import social.contract.post.EditPostRequest;
import social.contract.post.GetPostHistoryRequest;
import social.contract.post.GetPostRequest;
import social.contract.post.GetPostsRequest;
import social.contract.post.GetQuotesRequest;
import social.contract.post.GetRepliesRequest;
import social.contract.post.GetUserPostsRequest;
import social.contract.post.Post;
import social.contract.post.PostCreated;
import social.contract.post.PostDeleted;
import social.contract.post.PostEdited;
import social.contract.post.PostHistory;
import social.contract.post.PostList;
import social.contract.post.PostPage;
import social.contract.post.PostResult;
import social.contract.post.RepostRequest;
import social.contract.post.UndoRepostRequest;
import social.post.text.PostText;
import social.support.blocks.BlockListCopy;
import social.support.erasure.ErasedUsers;
import social.support.error.ServiceException;
import social.support.error.Validation;
import social.support.id.Ids;
import social.support.outbox.EventOutbox;
import social.support.paging.IdCursor;
import social.support.paging.PageLimit;
import social.support.text.TextRules;

/**
 * Posts, replies and reposts: every change and its event in one transaction. Counters of a post
 * (replies, reposts) change in the same transaction as the reply or repost, so they never drift.
 */
@Service
class Posts {
    static final int EVENT_VERSION = 1;
    static final int MAX_CONTENT = 280;
    static final int MAX_IDEMPOTENCY_KEY = 200;
    /** How often a post can be edited (API.md, "Limits"): its history holds at most one version more. */
    static final int MAX_EDITS = 10;
    /** The most hashtags, and the most mentions, a post carries (API.md, "Limits"). */
    static final int MAX_HASHTAGS = 10;

    static final int MAX_MENTIONS = 10;
    /** How long after its creation a post can be edited (API.md, "Limits"). */
    static final Duration EDIT_WINDOW = Duration.ofMinutes(60);
    /** The history's number for the current version (the post's own content): after every revision. */
    private static final int CURRENT_VERSION = Integer.MAX_VALUE;

    private static final Pattern HISTORY_CURSOR = Pattern.compile("[0-9]{1,9}");

    /** The columns of a {@link Target}. */
    private static final String TARGET = "id, author_id, reply_to_id, repost_of_id, quote_of_id, created_at, hashtags";

    /** A page of the quotes list: the post's quotes off {@code post_quotes_newest}, hidden authors filtered. */
    static final String QUOTE_IDS = "SELECT p.id FROM post p WHERE p.quote_of_id = :post AND p.id < :before AND "
            + BlockListCopy.notBlockedEitherWay("CAST(:viewer AS uuid)", "p.author_id")
            + " ORDER BY p.id DESC LIMIT :limit";

    private final JdbcClient db;
    private final PostStore store;
    private final PostReferences references;
    private final EventOutbox outbox;
    private final BlockListCopy blocks;
    private final ErasedUsers erased;

    Posts(
            JdbcClient db,
            PostStore store,
            PostReferences references,
            EventOutbox outbox,
            BlockListCopy blocks,
            ErasedUsers erased) {
        this.db = db;
        this.store = store;
        this.references = references;
        this.outbox = outbox;
        this.blocks = blocks;
        this.erased = erased;
    }

    /** A post or repost racing with the erasure of its author's account is refused, as for an unknown user. */
    private void requireLiveAuthor(UUID callerId) {
        if (!erased.isLive(callerId)) {
            throw ServiceException.notFound("no such user");
        }
    }

    @Transactional
    public PostResult create(CreatePostRequest request) {
        String content = content(request.content());
        String key =
                request.idempotencyKey() == null || request.idempotencyKey().isBlank()
                        ? null
                        : request.idempotencyKey().strip();
        Validation.start()
                .requireMultilineText(content, "content", 1, MAX_CONTENT)
                .requireCleanText(key, "Idempotency-Key")
                .require(
                        key == null || key.length() <= MAX_IDEMPOTENCY_KEY,
                        "Idempotency-Key",
                        "must be at most " + MAX_IDEMPOTENCY_KEY + " characters")
                .require(
                        request.replyToId() == null || request.quoteOfId() == null,
                        "quoteOfId",
                        "a post cannot quote and reply at once")
                .orThrow();
        requireLiveAuthor(request.callerId());
        UUID id = Ids.newId();
        if (key != null) {
            // claimed first: a concurrent repeat waits on this row, then finds the post it names
            int claimed = db.sql("""
                            INSERT INTO post_idempotency_key (author_id, idempotency_key, post_id) VALUES (?, ?, ?)
                            ON CONFLICT DO NOTHING""").params(request.callerId(), key, id).update();
            if (claimed == 0) {
                UUID first = db.sql(
                                "SELECT post_id FROM post_idempotency_key WHERE author_id = ? AND idempotency_key = ?")
                        .params(request.callerId(), key)
                        .query(UUID.class)
                        .single();
                return new PostResult(get(first, request.callerId()), false);
            }
        }
        Target parent = null;
        if (request.replyToId() != null) {
            // a reply to a repost answers its original
            parent = original(lockForShare(request.replyToId())
                    .orElseThrow(() -> ServiceException.notFound("no post to reply to")));
            refuseAcrossBlock(request.callerId(), parent, "reply to");
            db.sql("UPDATE post SET reply_count = reply_count + 1 WHERE id = ?")
                    .params(parent.id())
                    .update();
        }
        Target quoted = null;
        if (request.quoteOfId() != null) {
            // quoting a repost quotes its original; counted in this transaction, so once per quote
            quoted = original(
                    lockForShare(request.quoteOfId()).orElseThrow(() -> ServiceException.notFound("no post to quote")));
            refuseAcrossBlock(request.callerId(), quoted, "quote");
            db.sql("UPDATE post SET quote_count = quote_count + 1 WHERE id = ?")
                    .params(quoted.id())
                    .update();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        PostText.Parsed parsed = withinReferenceLimits(PostText.parse(content));
        // a reply keeps the posts above it (its parent's path and its parent: the thread's context)
        db.sql("""
                        INSERT INTO post (id, author_id, content, created_at, reply_to_id, quote_of_id, hashtags,
                                          thread_path)
                        VALUES (?, ?, ?, ?, ?, ?, ?::text[],
                                (SELECT thread_path_below(coalesce(p.thread_path, '{}'), p.id) FROM post p WHERE p.id = ?))""")
                .params(
                        id,
                        request.callerId(),
                        content,
                        Timestamp.from(now),
                        parent == null ? null : parent.id(),
                        quoted == null ? null : quoted.id(),
                        parsed.hashtags().toArray(String[]::new),
                        parent == null ? null : parent.id())
                .update();
        references.tagged(id, request.callerId(), now, parsed.hashtags());
        references.mentioned(id, parsed.mentions());
        outbox.publish(new PostCreated(
                Ids.newId(),
                now,
                EVENT_VERSION,
                id,
                request.callerId(),
                content,
                now,
                parent == null ? null : parent.id(),
                parent == null ? null : parent.authorId(),
                null,
                null,
                parsed.mentions(),
                parsed.hashtags(),
                quoted == null ? null : quoted.id(),
                quoted == null ? null : quoted.authorId()));
        return new PostResult(get(id, request.callerId()), true);
    }

    /**
     * Changes a post's content: its earlier version goes to {@code post_revision}, its tags,
     * trending counts and mentions follow the new content in this transaction (the search column
     * follows by itself), and {@code post.edited} tells the others. The same content again changes
     * nothing (a repeated request, too): no revision, no event.
     */
    @Transactional
    public PostResult edit(EditPostRequest request) {
        String content = content(request.content());
        Validation.start()
                .requireMultilineText(content, "content", 1, MAX_CONTENT)
                .orThrow();
        Editable post = db.sql("""
                        SELECT p.id, p.author_id, p.content, p.created_at, p.edited_at, p.reply_to_id, p.repost_of_id,
                               p.quote_of_id, p.hashtags,
                               r.author_id AS reply_to_author_id, q.author_id AS quote_of_author_id
                        FROM post p
                        LEFT JOIN post r ON r.id = p.reply_to_id
                        LEFT JOIN post q ON q.id = p.quote_of_id
                        WHERE p.id = ?
                        FOR UPDATE OF p""")
                .params(request.postId())
                .query(Editable::of)
                .optional()
                .orElseThrow(() -> ServiceException.notFound("no such post"));
        if (!post.authorId().equals(request.callerId())) {
            throw ServiceException.forbidden("only its author can edit a post");
        }
        if (post.repostOf()) {
            throw ServiceException.invalid("content", "a repost has no content to edit");
        }
        if (content.equals(post.content())) {
            return new PostResult(get(post.id(), request.callerId()), false);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (now.isAfter(post.createdAt().plus(EDIT_WINDOW))) {
            throw new ServiceException(
                    ErrorCode.EDIT_WINDOW_CLOSED,
                    "a post can be edited within " + EDIT_WINDOW.toMinutes() + " minutes of its creation");
        }
        // counted under the post's row lock (FOR UPDATE above): edits in flight at once cannot pass it
        int edits = db.sql("SELECT count(*) FROM post_revision WHERE post_id = ?")
                .params(post.id())
                .query(Integer.class)
                .single();
        if (edits >= MAX_EDITS) {
            throw new ServiceException(
                    ErrorCode.EDIT_LIMIT_REACHED, "a post can be edited at most " + MAX_EDITS + " times");
        }
        db.sql("""
                        INSERT INTO post_revision (post_id, revision, content, created_at)
                        SELECT ?, coalesce(max(revision), 0) + 1, ?, ? FROM post_revision WHERE post_id = ?""")
                .params(post.id(), post.content(), Timestamp.from(post.versionAt()), post.id())
                .update();
        PostText.Parsed parsed = withinReferenceLimits(PostText.parse(content));
        List<String> dropped = new ArrayList<>(post.hashtags());
        dropped.removeAll(parsed.hashtags());
        List<String> added = new ArrayList<>(parsed.hashtags());
        added.removeAll(post.hashtags());
        db.sql("UPDATE post SET content = ?, edited_at = ?, hashtags = ?::text[] WHERE id = ?")
                .params(content, Timestamp.from(now), parsed.hashtags().toArray(String[]::new), post.id())
                .update();
        references.untagged(post.id(), post.authorId(), post.createdAt(), dropped, false);
        references.tagged(post.id(), post.authorId(), post.createdAt(), added);
        references.mentionedNow(post.id(), parsed.mentions());
        outbox.publish(new PostEdited(
                Ids.newId(),
                now,
                EVENT_VERSION,
                post.id(),
                post.authorId(),
                content,
                now,
                post.replyToId(),
                post.replyToAuthorId(),
                post.quoteOfId(),
                post.quoteOfAuthorId(),
                parsed.mentions(),
                parsed.hashtags()));
        return new PostResult(get(post.id(), request.callerId()), false);
    }

    /**
     * A page of the versions of a post's content, oldest first, the current one last: one query,
     * by the primary key of {@code post_revision}. The cursor is the number of the page's last
     * revision. A post has at most {@link #MAX_EDITS} revisions since issue 26; the page bounds a
     * read of an older post edited more often.
     */
    public PostHistory history(GetPostHistoryRequest request) {
        int limit = PageLimit.clamp(request.limit());
        int after = historyCursor(request.cursor());
        List<Revision> versions = db.sql("""
                        SELECT revision, content, created_at FROM (
                            (SELECT revision, content, created_at FROM post_revision
                             WHERE post_id = :id AND revision > :after ORDER BY revision LIMIT :limit)
                            UNION ALL
                            SELECT :current, content, coalesce(edited_at, created_at) FROM post WHERE id = :id) AS v
                        ORDER BY revision
                        LIMIT :limit""")
                .param("id", request.postId())
                .param("after", after)
                .param("current", CURRENT_VERSION)
                .param("limit", limit + 1)
                .query((rs, i) -> new Revision(
                        rs.getInt("revision"),
                        new PostHistory.Version(
                                rs.getString("content"),
                                rs.getTimestamp("created_at").toInstant())))
                .list();
        if (versions.isEmpty()) {
            throw ServiceException.notFound("no such post");
        }
        List<Revision> page = versions.subList(0, Math.min(limit, versions.size()));
        String next = versions.size() > limit
                ? Integer.toString(page.get(page.size() - 1).number())
                : null;
        return new PostHistory(page.stream().map(Revision::version).toList(), next);
    }

    private static int historyCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        if (!HISTORY_CURSOR.matcher(cursor).matches()) {
            throw ServiceException.invalid("cursor", "is not a cursor of this list");
        }
        return Integer.parseInt(cursor);
    }

    /** A version of a post and its number in the history. */
    private record Revision(int number, PostHistory.Version version) {}

    /**
     * A post's tags and mentions, refused beyond {@link #MAX_HASHTAGS} and {@link #MAX_MENTIONS}
     * (each counted once): about 90 tags fit in 280 characters, and one account could fill the
     * trending list with a few posts.
     */
    private static PostText.Parsed withinReferenceLimits(PostText.Parsed parsed) {
        if (parsed.hashtags().size() > MAX_HASHTAGS) {
            throw new ServiceException(new ErrorReply(
                    ErrorCode.TOO_MANY_HASHTAGS,
                    "A post carries at most " + MAX_HASHTAGS + " hashtags.",
                    List.of(new ErrorReply.FieldError("content", "at most " + MAX_HASHTAGS + " hashtags")),
                    null));
        }
        if (parsed.mentions().size() > MAX_MENTIONS) {
            throw new ServiceException(new ErrorReply(
                    ErrorCode.TOO_MANY_MENTIONS,
                    "A post mentions at most " + MAX_MENTIONS + " users.",
                    List.of(new ErrorReply.FieldError("content", "at most " + MAX_MENTIONS + " mentions")),
                    null));
        }
        return parsed;
    }

    /** Content as it is stored: trimmed and NFC-normalised, so that the same words compare, search and count alike. */
    private static String content(String raw) {
        return raw == null ? null : TextRules.normalized(raw.strip());
    }

    // No transaction for reads: under READ COMMITTED every statement sees its own snapshot anyway,
    // and BEGIN/COMMIT would add two database round trips to every page.
    public PostResult get(GetPostRequest request) {
        return new PostResult(get(request.postId(), request.callerId()), false);
    }

    /** Posts by id, as another list (bookmarks) orders them: one query for the page, none per post. */
    public PostList getMany(GetPostsRequest request) {
        Validation.start()
                .require(
                        request.postIds().size() <= PageLimit.MAX,
                        "postIds",
                        "at most " + PageLimit.MAX + " per request")
                .orThrow();
        return new PostList(store.load(request.postIds().stream().distinct().toList(), request.callerId()));
    }

    @Transactional
    public Acknowledged delete(DeletePostRequest request) {
        Target post = db.sql("SELECT " + TARGET + " FROM post WHERE id = ? FOR UPDATE")
                .params(request.postId())
                .query(Target::of)
                .optional()
                .orElseThrow(() -> ServiceException.notFound("no such post"));
        if (!post.authorId().equals(request.callerId())) {
            throw ServiceException.forbidden("only its author can delete a post");
        }
        remove(post);
        return Acknowledged.INSTANCE;
    }

    /**
     * Deletes every post and repost of an author (a deleted account) as {@link #delete} deletes one,
     * each with its {@code post.deleted}, and the author's idempotency keys; answers how many went.
     */
    int removeAllBy(UUID authorId) {
        List<Target> posts = db.sql("SELECT " + TARGET + " FROM post WHERE author_id = ? ORDER BY id FOR UPDATE")
                .params(authorId)
                .query(Target::of)
                .list();
        posts.forEach(this::remove);
        db.sql("DELETE FROM post_idempotency_key WHERE author_id = ?")
                .params(authorId)
                .update();
        return posts.size();
    }

    /**
     * Deletes a post (or undoes a repost) whose author asked for it; the author was checked. A
     * repost that already went with its original (an erasure of both) changes nothing.
     */
    private void remove(Target post) {
        if (post.repostOfId() != null) {
            removeRepost(post);
            return;
        }
        if (post.replyToId() != null) {
            db.sql("UPDATE post SET reply_count = GREATEST(reply_count - 1, 0) WHERE id = ?")
                    .params(post.replyToId())
                    .update();
            // the replies below it stay, and a thread's context is walked through it to them
            db.sql("INSERT INTO deleted_reply (id, reply_to_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .params(post.id(), post.replyToId())
                    .update();
        }
        if (post.quoteOfId() != null) {
            // null once the quoted post is gone (ON DELETE SET NULL): then there is nothing to count down
            db.sql("UPDATE post SET quote_count = GREATEST(quote_count - 1, 0) WHERE id = ?")
                    .params(post.quoteOfId())
                    .update();
        }
        // its reposts go with it, each with its own event; its replies stay
        db.sql("DELETE FROM post WHERE repost_of_id = ? RETURNING " + TARGET)
                .params(post.id())
                .query(Target::of)
                .list()
                .forEach(repost -> outbox.publish(deleted(repost)));
        // its tag and mention rows cascade; its trending counts are counted down
        references.untagged(post.id(), post.authorId(), post.createdAt(), post.hashtags(), true);
        db.sql("DELETE FROM post WHERE id = ?").params(post.id()).update();
        outbox.publish(deleted(post));
    }

    /** The replies of a post, oldest first, without those of authors blocked by the caller or blocking them. */
    public PostPage replies(GetRepliesRequest request) {
        get(request.postId(), null);
        int limit = PageLimit.clamp(request.limit());
        List<UUID> ids = db.sql("SELECT p.id FROM post p WHERE p.reply_to_id = :post AND p.id > :after AND "
                        + BlockListCopy.notBlockedEitherWay("CAST(:viewer AS uuid)", "p.author_id")
                        + " ORDER BY p.id LIMIT :limit")
                .param("post", request.postId())
                .param("after", IdCursor.parse(request.cursor(), IdCursor.OLDEST))
                .param("viewer", request.callerId())
                .param("limit", limit + 1)
                .query(UUID.class)
                .list();
        return IdCursor.page(
                ids, limit, id -> id, (page, next) -> new PostPage(store.load(page, request.callerId()), next));
    }

    /**
     * The posts quoting a post, newest first (404 for a post that does not exist), without those of
     * authors blocked by the caller or blocking them (as the replies list).
     */
    public PostPage quotes(GetQuotesRequest request) {
        get(request.postId(), null);
        int limit = PageLimit.clamp(request.limit());
        List<UUID> ids = db.sql(QUOTE_IDS)
                .param("post", request.postId())
                .param("before", IdCursor.parse(request.cursor(), IdCursor.NEWEST))
                .param("viewer", request.callerId())
                .param("limit", limit + 1)
                .query(UUID.class)
                .list();
        return IdCursor.page(
                ids, limit, id -> id, (page, next) -> new PostPage(store.load(page, request.callerId()), next));
    }

    public PostPage byUser(GetUserPostsRequest request) {
        int limit = PageLimit.clamp(request.limit());
        List<UUID> ids = db.sql("""
                        SELECT id FROM post WHERE author_id = ? AND id < ? ORDER BY id DESC LIMIT ?""")
                .params(request.userId(), IdCursor.parse(request.cursor(), IdCursor.NEWEST), limit + 1)
                .query(UUID.class)
                .list();
        return IdCursor.page(
                ids, limit, id -> id, (page, next) -> new PostPage(store.load(page, request.callerId()), next));
    }

    /** Reposts the original (of a repost, its original); a repeat answers the existing repost. */
    @Transactional
    public PostResult repost(RepostRequest request) {
        requireLiveAuthor(request.callerId());
        Target original =
                original(lockForShare(request.postId()).orElseThrow(() -> ServiceException.notFound("no such post")));
        refuseAcrossBlock(request.callerId(), original, "repost");
        Optional<UUID> existing = repostOf(original.id(), request.callerId());
        if (existing.isPresent()) {
            return new PostResult(get(existing.get(), request.callerId()), false);
        }
        UUID id = Ids.newId();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int inserted = db.sql("""
                        INSERT INTO post (id, author_id, content, created_at, repost_of_id, repost_of_author_id)
                        VALUES (?, ?, '', ?, ?, ?)
                        ON CONFLICT (repost_of_id, author_id) WHERE repost_of_id IS NOT NULL DO NOTHING""")
                .params(id, request.callerId(), Timestamp.from(now), original.id(), original.authorId())
                .update();
        if (inserted == 0) {
            // a concurrent repeat got there first
            return new PostResult(
                    get(repostOf(original.id(), request.callerId()).orElseThrow(), request.callerId()), false);
        }
        db.sql("UPDATE post SET repost_count = repost_count + 1 WHERE id = ?")
                .params(original.id())
                .update();
        outbox.publish(new PostCreated(
                Ids.newId(),
                now,
                EVENT_VERSION,
                id,
                request.callerId(),
                "",
                now,
                null,
                null,
                original.id(),
                original.authorId(),
                List.of(),
                List.of(),
                null,
                null));
        return new PostResult(get(id, request.callerId()), true);
    }

    @Transactional
    public Acknowledged undoRepost(UndoRepostRequest request) {
        Target original =
                original(lockForShare(request.postId()).orElseThrow(() -> ServiceException.notFound("no such post")));
        repostOf(original.id(), request.callerId())
                .ifPresent(repostId -> removeRepost(
                        new Target(repostId, request.callerId(), null, original.id(), null, null, List.of())));
        return Acknowledged.INSTANCE;
    }

    private void removeRepost(Target repost) {
        int deleted =
                db.sql("DELETE FROM post WHERE id = ?").params(repost.id()).update();
        if (deleted == 1) {
            db.sql("UPDATE post SET repost_count = GREATEST(repost_count - 1, 0) WHERE id = ?")
                    .params(repost.repostOfId())
                    .update();
            outbox.publish(deleted(repost));
        }
    }

    /**
     * 403 when the caller and the post's author block one another (either way), as post-service's
     * copy of the block lists has it.
     */
    private void refuseAcrossBlock(UUID caller, Target post, String action) {
        if (blocks.blockedBetween(caller, post.authorId())) {
            throw ServiceException.blocked("you cannot " + action + " this post");
        }
    }

    private Post get(UUID postId, UUID callerId) {
        List<Post> found = store.load(List.of(postId), callerId);
        if (found.isEmpty()) {
            throw ServiceException.notFound("no such post");
        }
        return found.get(0);
    }

    private Optional<UUID> repostOf(UUID originalId, UUID authorId) {
        return db.sql("SELECT id FROM post WHERE repost_of_id = ? AND author_id = ?")
                .params(originalId, authorId)
                .query(UUID.class)
                .optional();
    }

    /** The post, locked against deletion until this transaction ends. */
    private Optional<Target> lockForShare(UUID postId) {
        return db.sql("SELECT " + TARGET + " FROM post WHERE id = ? FOR KEY SHARE")
                .params(postId)
                .query(Target::of)
                .optional();
    }

    /** What a repost stands for: its original (locked as well); any other post stands for itself. */
    private Target original(Target post) {
        if (post.repostOfId() == null) {
            return post;
        }
        return lockForShare(post.repostOfId()).orElseThrow(() -> ServiceException.notFound("no such post"));
    }

    private static PostDeleted deleted(Target post) {
        return new PostDeleted(
                Ids.newId(),
                Instant.now(),
                EVENT_VERSION,
                post.id(),
                post.authorId(),
                post.replyToId(),
                post.repostOfId());
    }

    /** What an edit needs of a post: its content and tags now, and whom it answers or quotes. */
    record Editable(
            UUID id,
            UUID authorId,
            String content,
            Instant createdAt,
            Instant versionAt,
            UUID replyToId,
            UUID replyToAuthorId,
            boolean repostOf,
            UUID quoteOfId,
            UUID quoteOfAuthorId,
            List<String> hashtags) {

        static Editable of(ResultSet rs, int row) throws SQLException {
            Timestamp editedAt = rs.getTimestamp("edited_at");
            Instant createdAt = rs.getTimestamp("created_at").toInstant();
            return new Editable(
                    rs.getObject("id", UUID.class),
                    rs.getObject("author_id", UUID.class),
                    rs.getString("content"),
                    createdAt,
                    editedAt == null ? createdAt : editedAt.toInstant(),
                    rs.getObject("reply_to_id", UUID.class),
                    rs.getObject("reply_to_author_id", UUID.class),
                    rs.getObject("repost_of_id", UUID.class) != null,
                    rs.getObject("quote_of_id", UUID.class),
                    rs.getObject("quote_of_author_id", UUID.class),
                    PostStore.strings(rs.getArray("hashtags")));
        }
    }

    /** The identity of a post that a change needs. */
    record Target(
            UUID id,
            UUID authorId,
            UUID replyToId,
            UUID repostOfId,
            UUID quoteOfId,
            Instant createdAt,
            List<String> hashtags) {

        static Target of(ResultSet rs, int row) throws SQLException {
            return new Target(
                    rs.getObject("id", UUID.class),
                    rs.getObject("author_id", UUID.class),
                    rs.getObject("reply_to_id", UUID.class),
                    rs.getObject("repost_of_id", UUID.class),
                    rs.getObject("quote_of_id", UUID.class),
                    rs.getTimestamp("created_at").toInstant(),
                    PostStore.strings(rs.getArray("hashtags")));
        }
    }
}
