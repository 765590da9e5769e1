package social.archfixture.contract;

import social.archfixture.clean.store.Store;

/** A message that needs a service's classes. */
public record ServiceMessage(Store store) {}
