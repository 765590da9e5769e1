package social.gateway.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

import social.contract.auth.AccessDenials;
import social.contract.auth.LoginEnded;
import social.contract.auth.UserDeleted;

/**
 * The deny list of this gateway instance: logins that ended early (a logout, a revoked refresh
 * token family), fed by auth-service's {@code auth.login-ended} events, and deleted accounts, fed by
 * its {@code user.deleted} events (see {@link LoginEndings}).
 * Their access tokens issued up to the end are refused, though still signed and unexpired. An
 * entry is kept for as long as such a token can live, then it is of no use.
 */
@Component
public class LoggedOutLogins {
    private final Cache<UUID, Instant> endedAt;
    /** Deleted accounts (user id to deletedAt): every access token of theirs issued up to then is refused. */
    private final Cache<UUID, Instant> deletedAt;

    private final List<Consumer<UUID>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<UUID>> deletionListeners = new CopyOnWriteArrayList<>();
    /** Runs before each judgement: brings the list up to date if it may have missed events ({@link DenyListRecovery}). */
    private volatile Runnable beforeJudging = () -> {};

    /**
     * @param remembered how long an ended login is remembered: at least the access tokens' lifetime
     *                   (auth-service's {@code access-token-ttl}, 15 min) plus the allowed clock skew
     * @param maxEntries bound of the list (a login ending costs about a hundred bytes here)
     */
    @ConfigurationProperties("social.gateway.logged-out")
    record Settings(
            @DefaultValue("16m") Duration remembered,
            @DefaultValue("1000000") long maxEntries) {}

    LoggedOutLogins(Settings settings) {
        this.endedAt = Caffeine.newBuilder()
                .expireAfterWrite(settings.remembered())
                .maximumSize(settings.maxEntries())
                .build();
        this.deletedAt = Caffeine.newBuilder()
                .expireAfterWrite(settings.remembered())
                .maximumSize(settings.maxEntries())
                .build();
    }

    void ended(LoginEnded event) {
        ended(event.loginId(), event.endedAt());
    }

    private void ended(UUID loginId, Instant at) {
        endedAt.asMap().merge(loginId, at, (known, later) -> known.isAfter(later) ? known : later);
        listeners.forEach(listener -> listener.accept(loginId));
    }

    /** The live denials as auth-service listed them (recovering events this instance may have missed). */
    void loaded(AccessDenials denials) {
        for (AccessDenials.Denial denial : denials.denials()) {
            if (denial.loginId() != null) {
                ended(denial.loginId(), denial.deniedAt());
            } else {
                deleted(denial.userId(), denial.deniedAt());
            }
        }
    }

    /** {@code check} runs before each judgement of {@link #refuses}, and may throw to refuse judging. */
    void judgeOnlyAfter(Runnable check) {
        this.beforeJudging = check;
    }

    /** An account was deleted ({@code user.deleted}, or this instance's own deletion request). */
    public void deleted(UUID userId, Instant at) {
        deletedAt.asMap().merge(userId, at, (known, later) -> known.isAfter(later) ? known : later);
        deletionListeners.forEach(listener -> listener.accept(userId));
    }

    void deleted(UserDeleted event) {
        deleted(event.userId(), event.deletedAt());
    }

    /** Whether an access token of this user and login, issued then, is to be refused. */
    boolean refuses(UUID userId, UUID loginId, Instant issuedAt) {
        beforeJudging.run();
        Instant deleted = userId == null ? null : deletedAt.getIfPresent(userId);
        if (deleted != null && (issuedAt == null || !issuedAt.isAfter(deleted))) {
            return true;
        }
        if (loginId == null) {
            return false;
        }
        Instant ended = endedAt.getIfPresent(loginId);
        return ended != null && (issuedAt == null || !issuedAt.isAfter(ended));
    }

    /**
     * Whether a stream ticket of this user and login is to be refused: its login ended or its account
     * was deleted, whenever (a ticket never outlives the end of its login, also one issued before).
     */
    public boolean refusesTicketOf(UUID userId, UUID loginId) {
        return refuses(userId, loginId, null);
    }

    /** Tells the listener the id of each login that ends from now on (to end what it holds for it). */
    public void whenEnded(Consumer<UUID> listener) {
        listeners.add(listener);
    }

    /** Tells the listener the id of each account deleted from now on (to end what it holds for it). */
    public void whenDeleted(Consumer<UUID> listener) {
        deletionListeners.add(listener);
    }
}
