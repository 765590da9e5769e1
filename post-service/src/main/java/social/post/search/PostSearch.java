package social.post.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import social.contract.post.PostPage;
import social.contract.post.SearchPostsRequest;
import social.post.post.PostStore;
import social.post.text.PostText;
import social.support.blocks.BlockListCopy;
import social.support.error.Validation;
import social.support.paging.IdCursor;
import social.support.paging.PageLimit;
import social.support.text.TextRules;

/**
 * Post search on PostgreSQL's full-text engine: the words of a query (websearch syntax: all
 * must match, "quoted phrases", {@code or}, {@code -word}) against the {@code search} column
 * (English stems, GIN-indexed), its {@code #tag} terms against {@code post_hashtag} and its
 * {@code @username} terms against {@code post_mention}, which {@link PostText} reads exactly as it
 * reads posts. A page is one query, newest first by id, plus the page's load. What drives it is
 * the most selective structure there is: the GIN index for words, else the first tag's or
 * mention's primary-key range (newest first, stopping after a page); every other term is a
 * semi-join on a primary key. Reposts have no content, tags or mentions: they never match.
 */
@Service
class PostSearch {
    static final int MAX_QUERY = 100;
    static final String CONFIG = "english";

    private final JdbcClient db;
    private final PostStore store;

    PostSearch(JdbcClient db, PostStore store) {
        this.db = db;
        this.store = store;
    }

    /** Without a transaction, like every read of post-service. */
    PostPage page(SearchPostsRequest request) {
        String query = request.query() == null
                ? null
                : TextRules.normalized(request.query().strip());
        Validation.start().requireText(query, "q", 1, MAX_QUERY).orThrow();
        PostText.Parsed terms = PostText.parse(query);
        boolean words = !terms.words().isBlank()
                && (terms.hashtags().isEmpty() && terms.mentions().isEmpty() || hasLexemes(terms.words()));
        Query sql = Query.of(words ? terms.words() : null, terms.hashtags(), terms.mentions());
        int limit = PageLimit.clamp(request.limit());
        JdbcClient.StatementSpec statement = db.sql(sql.text())
                .param("before", IdCursor.parse(request.cursor(), IdCursor.NEWEST))
                .param("limit", limit + 1)
                .param("viewer", request.callerId());
        for (var parameter : sql.parameters().entrySet()) {
            statement = statement.param(parameter.getKey(), parameter.getValue());
        }
        List<UUID> ids = statement.query(UUID.class).list();
        return IdCursor.page(
                ids, limit, id -> id, (page, next) -> new PostPage(store.load(page, request.callerId()), next));
    }

    /**
     * Whether words leave anything to match once stop words are gone ("the", "!!!" do not): only
     * asked when the query has tags or mentions, which then stand alone; words alone that match
     * nothing simply find nothing.
     */
    private boolean hasLexemes(String words) {
        return db.sql("SELECT numnode(websearch_to_tsquery('" + CONFIG + "', ?)) > 0")
                .params(words)
                .query(Boolean.class)
                .single();
    }

    /** The SQL of a search and its named parameters (besides {@code :before} and {@code :limit}). */
    record Query(String text, Map<String, Object> parameters) {

        /** @param words null: the query has no words to match (then it has a tag or a mention) */
        static Query of(String words, List<String> tags, List<String> usernames) {
            Map<String, Object> parameters = new LinkedHashMap<>();
            List<String> conditions = new ArrayList<>();
            String id;
            String from;
            List<String> otherTags = tags;
            List<String> otherUsernames = usernames;
            if (words != null) {
                id = "p.id";
                from = "post p";
                conditions.add("p.search @@ websearch_to_tsquery('" + CONFIG + "', :words)");
                parameters.put("words", words);
            } else if (!tags.isEmpty()) {
                id = "d.post_id";
                from = "post_hashtag d JOIN post p ON p.id = d.post_id";
                conditions.add("d.tag = :driver");
                parameters.put("driver", tags.get(0));
                otherTags = tags.subList(1, tags.size());
            } else {
                id = "d.post_id";
                from = "post_mention d JOIN post p ON p.id = d.post_id";
                conditions.add("d.username = :driver");
                parameters.put("driver", usernames.get(0));
                otherUsernames = usernames.subList(1, usernames.size());
            }
            conditions.add(id + " < :before");
            // blocked (either way) and muted authors are left out: a probe of the block copy per candidate
            conditions.add(BlockListCopy.visibleTo("CAST(:viewer AS uuid)", "p.author_id"));
            for (int i = 0; i < otherTags.size(); i++) {
                conditions.add(semiJoin("post_hashtag", "tag", "h" + i, ":tag" + i, id));
                parameters.put("tag" + i, otherTags.get(i));
            }
            for (int i = 0; i < otherUsernames.size(); i++) {
                conditions.add(semiJoin("post_mention", "username", "m" + i, ":user" + i, id));
                parameters.put("user" + i, otherUsernames.get(i));
            }
            String text = "SELECT " + id + " FROM " + from + " WHERE " + String.join(" AND ", conditions) + " ORDER BY "
                    + id + " DESC LIMIT :limit";
            return new Query(text, parameters);
        }

        /**
         * The post ({@code id}) has a row in {@code table} (keyed by (key, post_id)). The cursor is
         * repeated inside: the planner may turn the semi-join into the driving range scan, and it
         * does not carry an inequality across a join by itself.
         */
        private static String semiJoin(String table, String key, String alias, String value, String id) {
            return "EXISTS (SELECT 1 FROM " + table + " " + alias + " WHERE " + alias + "." + key + " = " + value
                    + " AND " + alias + ".post_id = " + id + " AND " + alias + ".post_id < :before)";
        }
    }
}
