package social.gateway.web;

import java.util.List;

/** A page of a list, as every list endpoint answers. */
public record Page<T>(List<T> items, String nextCursor) {}
