package social.user.profile;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import social.contract.user.CreateProfileRequest;
import social.contract.user.FindUserByUsernameRequest;
import social.contract.user.FindUsersByUsernamesRequest;
import social.contract.user.GetUserRequest;
import social.contract.user.GetUserSummariesRequest;
import social.contract.user.SearchUsersRequest;
import social.contract.user.UpdateProfileRequest;
import social.contract.user.User;
import social.contract.user.UserProfileUpdated;
import social.contract.user.UserSummaries;
import social.contract.user.UserSummary;
import social.contract.user.UserSummaryPage;
import social.support.erasure.ErasedUsers;
import social.support.error.ServiceException;
import social.support.error.Validation;
import social.support.id.Ids;
import social.support.outbox.EventOutbox;
import social.support.paging.PageLimit;
import social.support.text.TextRules;
import social.user.counters.ProfileCounters;

/** Profiles: created at registration, read by everyone, changed by their owner only. */
@Service
class Profiles {
    static final int MAX_BATCH = 500;
    private static final int EVENT_VERSION = 1;

    private final ProfileRepository profiles;
    private final EventOutbox outbox;
    private final ProfileCounters counters;
    private final ErasedUsers erased;

    Profiles(ProfileRepository profiles, EventOutbox outbox, ProfileCounters counters, ErasedUsers erased) {
        this.profiles = profiles;
        this.outbox = outbox;
        this.counters = counters;
        this.erased = erased;
    }

    @Transactional
    public User create(CreateProfileRequest request) {
        // a registration delivered again after the account was deleted and erased brings nothing back
        counters.lock(request.userId());
        if (erased.isErased(request.userId())) {
            throw ServiceException.notFound("no such user");
        }
        if (profiles.createIfAbsent(request.userId(), request.username(), request.displayName(), Instant.now()) > 0) {
            counters.settle(request.userId());
        }
        return get(request.userId());
    }

    /** The profile of a registration, unless the account was deleted and erased since (a late delivery). */
    @Transactional
    public void registered(CreateProfileRequest request) {
        counters.lock(request.userId());
        if (!erased.isErased(request.userId())) {
            create(request);
        }
    }

    @Transactional(readOnly = true)
    public User get(GetUserRequest request) {
        return get(request.userId());
    }

    @Transactional(readOnly = true)
    public User findByUsername(FindUserByUsernameRequest request) {
        if (request.username() == null || request.username().isBlank()) {
            throw ServiceException.invalid("username", "must not be blank");
        }
        Validation.start().requireCleanText(request.username(), "username").orThrow();
        return profiles.findByUsernameIgnoringCase(request.username().strip())
                .map(Profile::toUser)
                .orElseThrow(() -> ServiceException.notFound("no user named " + request.username()));
    }

    @Transactional
    public User update(UpdateProfileRequest request) {
        // stored NFC-normalised: the same name compares and counts alike however it was typed
        String displayName = request.displayName() == null
                ? null
                : TextRules.normalized(request.displayName().strip());
        String bio = request.bio() == null
                ? null
                : TextRules.normalized(request.bio().strip());
        Validation validation = Validation.start();
        if (displayName != null) {
            validation.requireText(displayName, "displayName", 1, 50);
        }
        if (bio != null) {
            validation.requireMultilineText(bio, "bio", 0, 160);
        }
        validation.orThrow();
        Profile profile =
                profiles.findForUpdate(request.callerId()).orElseThrow(() -> ServiceException.notFound("no such user"));
        boolean renamed = displayName != null && profile.rename(displayName);
        if (bio != null) {
            profile.describe(bio);
        }
        User updated = profiles.saveAndFlush(profile).toUser();
        // only the display name shows outside the profile (in every UserSummary): a bio change concerns nobody
        if (renamed) {
            outbox.publish(new UserProfileUpdated(
                    Ids.newId(),
                    Instant.now(),
                    EVENT_VERSION,
                    updated.id(),
                    updated.username(),
                    updated.displayName()));
        }
        return updated;
    }

    @Transactional(readOnly = true)
    public UserSummaryPage search(SearchUsersRequest request) {
        Validation.start().requireCleanText(request.query(), "q").orThrow();
        String query = request.query() == null
                ? ""
                : TextRules.normalized(request.query().strip()).toLowerCase(Locale.ROOT);
        if (query.isEmpty()) {
            throw ServiceException.invalid("q", "must not be empty");
        }
        int limit = PageLimit.clamp(request.limit());
        String pattern = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        String after = request.cursor() == null ? "" : request.cursor();
        List<Profile> found = profiles.search(pattern, after, limit + 1);
        List<UserSummary> page =
                found.stream().limit(limit).map(Profile::toSummary).toList();
        String next =
                found.size() > limit ? page.get(page.size() - 1).username().toLowerCase(Locale.ROOT) : null;
        return new UserSummaryPage(page, next);
    }

    @Transactional(readOnly = true)
    public UserSummaries summaries(GetUserSummariesRequest request) {
        if (request.userIds().size() > MAX_BATCH) {
            throw ServiceException.invalid("userIds", "at most " + MAX_BATCH + " per request");
        }
        return new UserSummaries(profiles.findByIdIn(request.userIds()).stream()
                .map(Profile::toSummary)
                .toList());
    }

    @Transactional(readOnly = true)
    public UserSummaries findByUsernames(FindUsersByUsernamesRequest request) {
        if (request.usernames().size() > MAX_BATCH) {
            throw ServiceException.invalid("usernames", "at most " + MAX_BATCH + " per request");
        }
        List<String> lowerCase = request.usernames().stream()
                .filter(name -> name != null && !name.isBlank())
                .map(name -> name.strip().toLowerCase(Locale.ROOT))
                .distinct()
                .toList();
        if (lowerCase.isEmpty()) {
            return new UserSummaries(List.of());
        }
        return new UserSummaries(profiles.findByLowerUsernameIn(lowerCase).stream()
                .map(Profile::toSummary)
                .toList());
    }

    private User get(UUID id) {
        return profiles.findById(id).map(Profile::toUser).orElseThrow(() -> ServiceException.notFound("no such user"));
    }
}
