package social.auth.denial;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import social.auth.AuthProperties;
import social.contract.auth.AccessDenials;
import social.contract.auth.AccessDenials.Denial;
import social.contract.auth.ListAccessDenialsRequest;
import social.support.id.Ids;

/**
 * The access denials auth-service announced ({@code auth.login-ended}, {@code user.deleted}) for as
 * long as an access token they deny can live: recorded in the transaction that publishes the event,
 * so that a gateway that lost events can load them ({@link ListAccessDenialsRequest}).
 */
@Component
public class AccessDenialLog {
    /** Beyond the access tokens' lifetime: the clock skew the gateways allow, and some margin. */
    static final Duration MARGIN = Duration.ofMinutes(1);

    private final JdbcClient db;
    private final Duration live;

    AccessDenialLog(JdbcClient db, AuthProperties properties) {
        this.db = db;
        this.live = properties.accessTokenTtl().plus(MARGIN);
    }

    /** A login ended at {@code at}: its access tokens issued up to then are refused (caller's transaction). */
    public void loginEnded(UUID userId, UUID loginId, Instant at) {
        record(userId, loginId, at);
    }

    /** An account was deleted at {@code at}: every access token of it issued up to then is refused (caller's transaction). */
    public void accountDeleted(UUID userId, Instant at) {
        record(userId, null, at);
    }

    private void record(UUID userId, UUID loginId, Instant at) {
        db.sql("INSERT INTO access_denial (id, user_id, login_id, denied_at) VALUES (?, ?, ?, ?)")
                .params(Ids.newId(), userId, loginId, Timestamp.from(at))
                .update();
    }

    /** The live denials that began at or after {@code since} (null: all live ones), as of now. */
    AccessDenials list(ListAccessDenialsRequest request) {
        Instant now = Instant.now();
        Instant oldestLive = now.minus(live);
        Instant from = request.since() != null && request.since().isAfter(oldestLive) ? request.since() : oldestLive;
        return new AccessDenials(
                now,
                db.sql("SELECT user_id, login_id, denied_at FROM access_denial WHERE denied_at >= ?"
                                + " ORDER BY denied_at")
                        .params(Timestamp.from(from))
                        .query((rs, i) -> new Denial(
                                rs.getObject("user_id", UUID.class),
                                rs.getObject("login_id", UUID.class),
                                rs.getTimestamp("denied_at").toInstant()))
                        .list());
    }

    /** Forgets the denials no live access token can need any more. */
    int purge() {
        return db.sql("DELETE FROM access_denial WHERE denied_at < ?")
                .params(Timestamp.from(Instant.now().minus(live)))
                .update();
    }
}
