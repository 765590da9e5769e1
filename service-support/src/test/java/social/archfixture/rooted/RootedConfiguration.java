package social.archfixture.rooted;

import social.archfixture.rooted.token.Tokens;

/** Wires a feature in the root package, while the feature uses the root package's properties. */
public class RootedConfiguration {
    public Tokens tokens() {
        return new Tokens(new RootedProperties());
    }
}
