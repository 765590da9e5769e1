package social.archfixture.contract;

import java.util.UUID;

/** A message as the contract's are: plain Java. */
public record PlainMessage(UUID id, String text) {}
