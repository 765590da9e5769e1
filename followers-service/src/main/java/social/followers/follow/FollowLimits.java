package social.followers.follow;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxFollowing how many users one user may follow: a bound on what one account costs the
 *                     fan-out of every post of the users it follows and its own home timeline
 */
@ConfigurationProperties("social.follows")
record FollowLimits(@DefaultValue("5000") int maxFollowing) {}
