package social.contract.notification;

/** Why someone is notified (the API's Notification {@code type}). */
public enum NotificationType {
    /** Someone followed the recipient; no post. */
    FOLLOW,
    /** Someone liked the recipient's post. */
    LIKE,
    /** Someone replied to the recipient's post; the post is the reply. */
    REPLY,
    /** Someone reposted the recipient's post; the post is the original. */
    REPOST,
    /** Someone mentioned the recipient ({@code @username}) in a post. */
    MENTION,
    /** Someone the recipient follows with notify on posted or replied. */
    NEW_POST,
    /** Someone quoted the recipient's post; the post is the quote. */
    QUOTE
}
