package social.gateway.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** A page of a list, as every list endpoint answers. */
public record Page<T>(
        List<T> items,

        @Schema(
                description = "the cursor of the next page (query cursor), null on the last page; opaque",
                nullable = true)
        String nextCursor) {}
