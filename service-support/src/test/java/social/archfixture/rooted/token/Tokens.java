package social.archfixture.rooted.token;

import social.archfixture.rooted.RootedProperties;

/** A feature that uses the root package, which wires it. */
public class Tokens {
    private final RootedProperties properties;

    public Tokens(RootedProperties properties) {
        this.properties = properties;
    }

    public int lifetimeMinutes() {
        return properties.lifetimeMinutes();
    }
}
