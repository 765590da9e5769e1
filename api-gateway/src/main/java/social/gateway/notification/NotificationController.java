package social.gateway.notification;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import social.contract.notification.CountUnreadRequest;
import social.contract.notification.ListNotificationsRequest;
import social.contract.notification.MarkAllReadRequest;
import social.contract.notification.MarkReadRequest;
import social.contract.notification.NotificationItem;
import social.contract.notification.NotificationPage;
import social.contract.notification.NotificationRpc;
import social.contract.user.UserSummary;
import social.gateway.security.AuthenticatedUser;
import social.gateway.security.Caller;
import social.gateway.user.UserDirectory;
import social.gateway.web.ApiException;
import social.gateway.web.Page;
import social.gateway.web.PageSize;
import social.gateway.web.ProblemCode;
import social.support.net.ClientAddress;
import social.support.rpc.RpcClient;

@RestController
@RequestMapping("/api/notifications")
@Tag(name = "notifications", description = "The caller's notifications, listed and live")
class NotificationController {
    private final RpcClient rpc;
    private final UserDirectory users;
    private final NotificationStreams streams;
    private final StreamTickets tickets;

    NotificationController(RpcClient rpc, UserDirectory users, NotificationStreams streams, StreamTickets tickets) {
        this.rpc = rpc;
        this.users = users;
        this.streams = streams;
        this.tickets = tickets;
    }

    @Schema(name = "Count", description = "How many")
    record Count(@Schema(minimum = "0") long count) {}

    @GetMapping
    @Operation(operationId = "getNotifications", summary = "The caller's notifications, newest first")
    Page<Notification> list(
            @Caller AuthenticatedUser caller,
            @RequestParam(defaultValue = "false") boolean unreadOnly,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        NotificationPage page = rpc.callAndWait(
                NotificationRpc.LIST,
                new ListNotificationsRequest(caller.id(), unreadOnly, PageSize.of(limit), cursor));
        Map<UUID, UserSummary> actors =
                users.known(page.items().stream().map(NotificationItem::actorId).toList());
        List<Notification> items =
                page.items().stream().map(item -> Notification.of(item, actors)).toList();
        return new Page<>(items, page.nextCursor());
    }

    @GetMapping("/unread-count")
    @Operation(operationId = "getUnreadCount", summary = "How many of the caller's notifications are unread")
    Count unreadCount(@Caller AuthenticatedUser caller) {
        return new Count(rpc.callAndWait(NotificationRpc.COUNT_UNREAD, new CountUnreadRequest(caller.id()))
                .count());
    }

    @ApiResponse(responseCode = "204", description = "No Content")
    @PostMapping("/{id}/read")
    @Operation(
            operationId = "markNotificationRead",
            summary = "Mark one notification read",
            description = "404 for a missing or someone else's notification.")
    ResponseEntity<Void> markRead(@Caller AuthenticatedUser caller, @PathVariable("id") UUID notificationId) {
        rpc.callAndWait(NotificationRpc.MARK_READ, new MarkReadRequest(caller.id(), notificationId));
        return ResponseEntity.noContent().build();
    }

    @ApiResponse(responseCode = "204", description = "No Content")
    @PostMapping("/read-all")
    @Operation(operationId = "markAllNotificationsRead", summary = "Mark every notification of the caller read")
    ResponseEntity<Void> markAllRead(@Caller AuthenticatedUser caller) {
        rpc.callAndWait(NotificationRpc.MARK_ALL_READ, new MarkAllReadRequest(caller.id()));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/stream-ticket")
    @Operation(
            operationId = "createStreamTicket",
            summary = "A single-use ticket for opening the notification stream",
            description = "Good once, for `expiresIn` seconds, through any gateway instance: "
                    + "`GET /api/notifications/stream?ticket=...`. Lets a browser's EventSource open the "
                    + "stream without putting its access token into a URL.")
    StreamTickets.Issued streamTicket(@Caller AuthenticatedUser caller) {
        return tickets.issue(caller);
    }

    @ApiResponse(
            responseCode = "200",
            description = "Server-Sent Events, one per notification: `id:` its id, `event:` its type, `data:` the"
                    + " Notification JSON; a comment line as heartbeat every 15 s",
            content =
                    @Content(
                            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                            schema = @Schema(type = "string", description = "an event stream (text/event-stream)")))
    @ApiResponse(responseCode = "401", description = "No valid access token or stream ticket")
    @ApiResponse(responseCode = "429", description = "Too many streams open from this address or on this instance")
    @Parameter(
            name = "access_token",
            in = ParameterIn.QUERY,
            deprecated = true,
            description = "an access token, for clients that can send no header; prefer a ticket (URLs end up in logs)",
            schema = @Schema(type = "string"))
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(
            operationId = "streamNotifications",
            summary = "New notifications as they happen (Server-Sent Events)",
            description = "`id:` the notification's id, `event:` the type, `data:` the Notification JSON, "
                    + "a comment heartbeat every 15 s; each notification once. Reconnecting with the header "
                    + "`Last-Event-ID` (as EventSource does) first sends, oldest first, the notifications "
                    + "newer than that one (at most the newest 100; an id that is none is ignored); the query "
                    + "parameter `lastEventId` does the same for clients that cannot set the header. "
                    + "A client that falls far behind (stops reading) has its stream ended. "
                    + "Authenticated by the Authorization header or by a `ticket` from "
                    + "`POST /api/notifications/stream-ticket` (for browsers, whose EventSource cannot send "
                    + "headers); an unknown, used or expired ticket is 401. `?access_token=` still works but is "
                    + "discouraged: URLs end up in proxy and access logs. The stream ends when the access token "
                    + "expires; too many open streams (per address, or on the instance) is 429.")
    SseEmitter stream(
            @Caller(required = false) AuthenticatedUser caller,
            @Parameter(
                            description = "a single-use ticket from POST /api/notifications/stream-ticket",
                            schema = @Schema(maxLength = 64))
                    @RequestParam(required = false)
                    String ticket,
            @Parameter(description = "the id of the last event received, to get the notifications missed since")
                    @RequestHeader(name = "Last-Event-ID", required = false)
                    String lastEventId,
            @Parameter(
                            description = "as the Last-Event-ID header, for clients that cannot set it; the header"
                                    + " wins when both are sent (EventSource sends the newest in the header when it"
                                    + " reconnects to the same URL)")
                    @RequestParam(name = "lastEventId", required = false)
                    String lastEventIdParameter,
            HttpServletRequest request) {
        AuthenticatedUser streamer;
        if (ticket != null) {
            streamer = tickets.redeem(ticket)
                    .orElseThrow(() -> new ApiException(
                            ProblemCode.INVALID_STREAM_TICKET, "The stream ticket is unknown, used or expired."));
        } else if (caller != null) {
            streamer = caller;
        } else {
            throw new ApiException(ProblemCode.UNAUTHENTICATED, "A valid access token or stream ticket is required.");
        }
        return streams.open(
                streamer,
                // the per-address cap counts an IPv6 client by its /64
                ClientAddress.groupOf(request.getRemoteAddr()),
                notificationIdOf(lastEventId != null ? lastEventId : lastEventIdParameter));
    }

    /** The notification id a {@code Last-Event-ID} names, or null: anything else resumes nothing. */
    private static UUID notificationIdOf(String lastEventId) {
        // UUID.fromString takes shortened forms too, which no event ever carried
        if (lastEventId == null || lastEventId.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(lastEventId);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
