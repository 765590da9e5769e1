package social.gateway.security;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import social.contract.auth.AccessDenials;
import social.contract.auth.AuthRpc;
import social.contract.auth.ListAccessDenialsRequest;
import social.support.rpc.RpcClient;

/**
 * Recovers what this instance's deny list ({@link LoggedOutLogins}) missed while its queue of
 * {@code auth.login-ended} / {@code user.deleted} was gone (issue 23). From the moment the queue is
 * found gone the list is not trusted alone: every judgement first brings it up to date from
 * auth-service's live denials ({@link AuthRpc#LIST_ACCESS_DENIALS}), at most once per
 * {@link #RELOAD_EVERY} (only what began since the last load, with an overlap), so a token whose
 * login ended meanwhile is refused within that; if auth-service cannot answer, tokens are not
 * judged (503) rather than judged on a list that may be missing entries. Once the instance has
 * subscribed again, one full load (after the new queue receives, so no event falls between) makes
 * the list trusted again.
 */
@Component
class DenyListRecovery {
    private static final Logger log = LoggerFactory.getLogger(DenyListRecovery.class);

    /** How stale the list may be while it is not trusted: well within the promised second. */
    static final Duration RELOAD_EVERY = Duration.ofMillis(200);

    /** Each load asks again for what began this long before the previous one (a commit that stamped its time earlier). */
    static final Duration OVERLAP = Duration.ofMinutes(1);

    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(2);

    private final Function<ListAccessDenialsRequest, AccessDenials> denials;
    private final LoggedOutLogins loggedOut;

    private volatile boolean trusted = true;

    // guarded by this
    /** Whether the queue is back since it was last lost: then the next complete load makes the list trusted. */
    private boolean subscribed = true;

    private Instant loadedAsOf;
    private long loadedAtNanos;

    @Autowired
    DenyListRecovery(RpcClient rpc, LoggedOutLogins loggedOut) {
        this(request -> rpc.callAndWait(AuthRpc.LIST_ACCESS_DENIALS, request, LOAD_TIMEOUT), loggedOut);
    }

    /** @param denials asks auth-service for the live denials */
    DenyListRecovery(Function<ListAccessDenialsRequest, AccessDenials> denials, LoggedOutLogins loggedOut) {
        this.denials = denials;
        this.loggedOut = loggedOut;
        loggedOut.judgeOnlyAfter(this::ensureCurrent);
    }

    /** The queue is gone: events are being missed from now on. */
    void lost() {
        synchronized (this) {
            subscribed = false;
            loadedAsOf = null; // the next load is a full one
            if (trusted) {
                log.warn(
                        "the deny list's queue is gone: access tokens are judged against auth-service's list until it is back");
            }
            trusted = false;
        }
    }

    /** Subscribed again: load every live denial, then trust the list (unless it was lost again meanwhile). */
    void resubscribed() {
        synchronized (this) {
            subscribed = true;
            loadedAsOf = null;
            load(); // if it fails, the next judgement loads (in full) and trusts the list
        }
    }

    /** Before a judgement: up to date within {@link #RELOAD_EVERY} while the list is not trusted. */
    void ensureCurrent() {
        if (trusted) {
            return;
        }
        synchronized (this) {
            if (trusted || (loadedAsOf != null && System.nanoTime() - loadedAtNanos < RELOAD_EVERY.toNanos())) {
                return;
            }
            try {
                load();
            } catch (RuntimeException e) {
                throw new AccessTokenVerifier.KeysUnavailableException(e);
            }
        }
    }

    boolean trusted() {
        return trusted;
    }

    private void load() {
        long startedAt = System.nanoTime();
        Instant since = loadedAsOf == null ? null : loadedAsOf.minus(OVERLAP);
        AccessDenials live = denials.apply(new ListAccessDenialsRequest(since));
        loggedOut.loaded(live);
        loadedAsOf = live.asOf();
        loadedAtNanos = startedAt;
        if (subscribed && !trusted) {
            // the queue was receiving before this load asked: nothing falls between the two
            trusted = true;
            log.info("the deny list is subscribed again and loaded from auth-service: trusted again");
        }
    }
}
