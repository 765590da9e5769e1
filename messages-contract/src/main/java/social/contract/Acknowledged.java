package social.contract;

/** The reply of an operation whose success carries no data. */
@MessageType("acknowledged")
public record Acknowledged() {
    public static final Acknowledged INSTANCE = new Acknowledged();
}
