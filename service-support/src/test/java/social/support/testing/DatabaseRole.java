package social.support.testing;

/** A service's own login role in this run's test database. */
public record DatabaseRole(String user, String password) {}
