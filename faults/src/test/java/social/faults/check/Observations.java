package social.faults.check;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import social.faults.check.Observation.NotificationRow;
import social.faults.check.Observation.Pair;
import social.faults.check.Observation.PostRow;
import social.faults.check.Observation.Profile;
import social.faults.stack.FaultStack;
import social.support.testing.ServiceJvms;

/** Reads an {@link Observation} from the run's database (as its admin) and broker. */
public final class Observations {
    private final FaultStack stack;

    public Observations(FaultStack stack) {
        this.stack = stack;
    }

    /** Messages (ready and unacknowledged) per queue of the run's virtual host. */
    public Map<String, Long> queueDepths() {
        Map<String, Long> depths = new LinkedHashMap<>();
        String listing = stack.rabbitmqctl(
                "list_queues", "-p", stack.vhost(), "name", "messages", "--no-table-headers", "--quiet");
        for (String line : listing.split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length == 2 && columns[1].matches("\\d+")) {
                depths.put(columns[0], Long.parseLong(columns[1]));
            }
        }
        return depths;
    }

    /** Events waiting in each service's outbox. */
    public Map<String, Long> outboxes() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String schema : ServiceJvms.DATABASE_SCHEMAS.values()) {
            counts.put(schema, count(schema, "SELECT count(*) FROM outbox"));
        }
        return counts;
    }

    /**
     * Columns that keep a deleted account's id on purpose (see docs/features/leaving.md, "What is kept, and why"), as
     * {@code schema.table}: everything else naming it is a leftover.
     */
    static final Set<String> KEPT_AFTER_DELETION = Set.of(
            "auth.erasure",
            "auth.erasure_step",
            "users.erased_user",
            "posts.erased_user",
            "followers.erased_user",
            "likes.erased_user",
            "notifications.erased_user");

    /**
     * Tables that keep a deleted account's id only while an access token issued before the deletion
     * can live (the default 15 minutes, and auth-service's minute of margin), as {@code schema.table}
     * and the condition that makes a row a leftover: a gateway that lost its deny-list queue loads
     * these to go on refusing the deleted account's tokens.
     */
    static final Map<String, String> KEPT_WHILE_TOKENS_LIVE =
            Map.of("auth.access_denial", "denied_at < now() - interval '16 minutes'");

    /**
     * For each of {@code accounts}, every uuid column of every service's tables (but those kept on
     * purpose) that still holds its id: found by asking the catalogue, so a table added later is
     * searched too.
     */
    Map<UUID, Set<String>> leftovers(Set<UUID> accounts) {
        Map<UUID, Set<String>> found = new HashMap<>();
        if (accounts.isEmpty()) {
            return found;
        }
        for (String schema : ServiceJvms.DATABASE_SCHEMAS.values()) {
            List<String[]> columns = new ArrayList<>();
            query(
                    schema,
                    "SELECT table_name, column_name FROM information_schema.columns" + " WHERE table_schema = '"
                            + schema + "' AND data_type = 'uuid'",
                    row -> columns.add(new String[] {row.getString(1), row.getString(2)}));
            String ids = accounts.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
            for (String[] column : columns) {
                if (KEPT_AFTER_DELETION.contains(schema + "." + column[0])) {
                    continue;
                }
                String where = schema + "." + column[0] + "." + column[1];
                String expired = KEPT_WHILE_TOKENS_LIVE.get(schema + "." + column[0]);
                query(
                        schema,
                        "SELECT DISTINCT \"" + column[1] + "\" FROM \"" + column[0] + "\" WHERE \"" + column[1]
                                + "\" IN (" + ids + ")" + (expired == null ? "" : " AND " + expired),
                        row -> found.computeIfAbsent(uuid(row, 1), unused -> new TreeSet<>())
                                .add(where));
            }
        }
        return found;
    }

    public Observation read(EventAudit audit, Set<UUID> leavers) {
        Map<UUID, String> credentials = new HashMap<>();
        query(
                "auth",
                "SELECT user_id, username FROM credential",
                row -> credentials.put(uuid(row, 1), row.getString(2)));
        Map<UUID, Profile> profiles = new HashMap<>();
        query(
                "users",
                "SELECT id, username, followers_count, following_count, posts_count FROM profile",
                row -> profiles.put(
                        uuid(row, 1), new Profile(row.getString(2), row.getLong(3), row.getLong(4), row.getLong(5))));
        long pending = count(
                "users",
                "SELECT count(*) FROM pending_counter"
                        + " WHERE followers_count <> 0 OR following_count <> 0 OR posts_count <> 0");
        List<PostRow> posts = new ArrayList<>();
        query(
                "posts",
                "SELECT id, author_id, content FROM post",
                row -> posts.add(new PostRow(uuid(row, 1), uuid(row, 2), row.getString(3))));
        Set<Pair> likes = new HashSet<>();
        query(
                "likes",
                "SELECT user_id, post_id FROM post_like",
                row -> likes.add(new Pair(uuid(row, 1), uuid(row, 2))));
        Map<UUID, Long> likeCounts = new HashMap<>();
        query(
                "likes",
                "SELECT post_id, like_count FROM like_count",
                row -> likeCounts.put(uuid(row, 1), row.getLong(2)));
        Map<Pair, Boolean> follows = new HashMap<>();
        query(
                "followers",
                "SELECT follower_id, followee_id, notify FROM follow",
                row -> follows.put(new Pair(uuid(row, 1), uuid(row, 2)), row.getBoolean(3)));
        Set<Pair> postCopy = new HashSet<>();
        query(
                "posts",
                "SELECT follower_id, followee_id FROM followed",
                row -> postCopy.add(new Pair(uuid(row, 1), uuid(row, 2))));
        Map<Pair, Boolean> notificationCopy = new HashMap<>();
        query(
                "notifications",
                "SELECT follower_id, followee_id, notify FROM follow WHERE following",
                row -> notificationCopy.put(new Pair(uuid(row, 1), uuid(row, 2)), row.getBoolean(3)));
        List<NotificationRow> notifications = new ArrayList<>();
        query(
                "notifications",
                "SELECT recipient_id, type, actor_id, post_id FROM notification",
                row -> notifications.add(
                        new NotificationRow(uuid(row, 1), row.getString(2), uuid(row, 3), uuid(row, 4))));
        long signingKeys = count("auth", "SELECT count(*) FROM signing_key");
        Map<UUID, String> audited = audit.events();
        return new Observation(
                credentials,
                profiles,
                pending,
                posts,
                likes,
                likeCounts,
                follows,
                postCopy,
                notificationCopy,
                notifications,
                outboxes(),
                queueDepths(),
                signingKeys,
                audited.size(),
                unprocessed(audited, audit.queue()),
                leftovers(leavers));
    }

    /**
     * For each audited event and each queue bound to its type, whether that queue's consumer
     * recorded it as processed (the consumer is named after its queue, {@code <prefix><service>.<concern>}).
     */
    private List<String> unprocessed(Map<UUID, String> audited, String auditQueue) {
        String exchange = stack.prefix() + "social.events";
        Map<String, Set<String>> queuesByKey = new HashMap<>();
        String bindings = stack.rabbitmqctl(
                "list_bindings",
                "-p",
                stack.vhost(),
                "source_name",
                "destination_name",
                "routing_key",
                "--no-table-headers",
                "--quiet");
        for (String line : bindings.split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length == 3 && columns[0].equals(exchange) && !columns[1].equals(auditQueue)) {
                queuesByKey
                        .computeIfAbsent(columns[2], unused -> new HashSet<>())
                        .add(columns[1]);
            }
        }
        Map<String, Set<UUID>> processed = new HashMap<>();
        List<String> missing = new ArrayList<>();
        audited.forEach((eventId, routingKey) -> {
            for (String queue : queuesByKey.getOrDefault(routingKey, Set.of())) {
                String schema = schemaOf(queue);
                if (schema == null) {
                    continue; // a gateway's per-instance queue: at most once by design
                }
                Set<UUID> done = processed.computeIfAbsent(queue, unused -> processedBy(schema, queue));
                if (!done.contains(eventId)) {
                    missing.add(routingKey + " " + eventId + " not processed by " + queue);
                }
            }
        });
        return missing;
    }

    private String schemaOf(String queue) {
        String unprefixed = queue.substring(stack.prefix().length());
        String service = unprefixed.substring(0, Math.max(0, unprefixed.indexOf('.')));
        return ServiceJvms.DATABASE_SCHEMAS.get(service);
    }

    private Set<UUID> processedBy(String schema, String consumer) {
        Set<UUID> ids = new HashSet<>();
        query(
                schema,
                "SELECT event_id FROM processed_event WHERE consumer = '" + consumer.replace("'", "''") + "'",
                row -> ids.add(uuid(row, 1)));
        return ids;
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private void query(String schema, String sql, RowReader reader) {
        try (Connection connection = stack.adminDatabaseConnection(schema);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                reader.read(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + schema + ": " + sql, e);
        }
    }

    private long count(String schema, String sql) {
        long[] count = new long[1];
        query(schema, sql, row -> count[0] = row.getLong(1));
        return count[0];
    }

    private static UUID uuid(ResultSet row, int column) throws SQLException {
        return row.getObject(column, UUID.class);
    }
}
