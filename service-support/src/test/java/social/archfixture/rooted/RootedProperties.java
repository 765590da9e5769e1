package social.archfixture.rooted;

/** Settings in the root package. */
public class RootedProperties {
    public int lifetimeMinutes() {
        return 15;
    }
}
