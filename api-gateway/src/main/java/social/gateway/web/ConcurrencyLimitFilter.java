package social.gateway.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.concurrent.Semaphore;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import social.gateway.GatewayProperties;

/**
 * Load shedding: at most {@code social.gateway.max-concurrent-requests} API requests are in
 * progress in this instance; beyond, 503 with Retry-After at once. Without a bound, an overload
 * (a cold start, a slow service) queues requests until every one of them times out and the heap
 * runs out; with it, the admitted requests stay fast and the rest can retry. Health checks and
 * the long-lived notification streams do not count.
 *
 * <p>A request's body is read whole before it takes a permit: a client that sends its headers and
 * then its body byte by byte (or never) would otherwise hold a permit all that time, and a few
 * hundred such clients would shed every other request (issue 26, slowloris). The body must arrive
 * within {@code social.gateway.body-read-timeout} (else 408, and the connection is closed) and is
 * at most {@code social.gateway.max-body-size} (a larger one is left to {@link BodySizeLimitFilter}'s
 * 413 when its Content-Length says so, answered 413 here when a chunked body grows past it).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class ConcurrencyLimitFilter extends OncePerRequestFilter {
    static final String STREAM_PATH = "/api/notifications/stream";

    private final Semaphore permits;
    private final long maxBodyBytes;
    private final long bodyReadTimeoutNanos;
    private final Problems problems;

    ConcurrencyLimitFilter(GatewayProperties properties, Problems problems) {
        this.permits = new Semaphore(properties.maxConcurrentRequests());
        this.maxBodyBytes = properties.maxBodySize().toBytes();
        this.bodyReadTimeoutNanos = properties.bodyReadTimeout().toNanos();
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !RequestPaths.isApi(request) || RequestPaths.canonical(request).equals(STREAM_PATH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest admitted = request;
        if (hasBodyToRead(request)) {
            byte[] body = readBody(request, response);
            if (body == null) {
                return; // answered (408, 413) or the client is gone
            }
            admitted = new ReadRequest(request, body);
        }
        if (!permits.tryAcquire()) {
            problems.write(
                    response,
                    ProblemCode.SERVICE_UNAVAILABLE,
                    "The service is busy; try again shortly.",
                    Map.of(HttpHeaders.RETRY_AFTER, "1"));
            return;
        }
        try {
            chain.doFilter(admitted, response);
        } finally {
            permits.release();
        }
    }

    /** A body announced by its length (within the limit; a larger one gets its 413 unread) or chunked. */
    private boolean hasBodyToRead(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        return length > 0 && length <= maxBodyBytes
                || length < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    /**
     * The whole body, or null once the request is answered: each read waits at most the server's
     * connection timeout, and after the first read that ends past the deadline the client is told
     * 408, so a body that trickles in takes at most the timeout plus one read.
     */
    private byte[] readBody(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long deadline = System.nanoTime() + bodyReadTimeoutNanos;
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.max(0, request.getContentLengthLong()));
        byte[] buffer = new byte[8192];
        try {
            InputStream in = request.getInputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                body.write(buffer, 0, n);
                if (body.size() > maxBodyBytes) {
                    problems.write(
                            response,
                            ProblemCode.PAYLOAD_TOO_LARGE,
                            "The request body is larger than " + maxBodyBytes + " bytes.",
                            Map.of("Connection", "close"));
                    return null;
                }
                if (System.nanoTime() - deadline > 0) {
                    tooSlow(response);
                    return null;
                }
            }
        } catch (IOException e) {
            if (timedOut(e)) {
                tooSlow(response);
            } else {
                // a malformed chunked body, or a client that went away (then the answer goes nowhere)
                refuse(
                        response,
                        HttpStatus.BAD_REQUEST,
                        ProblemCode.MALFORMED_REQUEST,
                        "The request body could not be read.");
            }
            return null;
        }
        return body.toByteArray();
    }

    /** Tomcat's read timeout (server.tomcat.connection-timeout), however the container wrapped it. */
    private static boolean timedOut(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private void tooSlow(HttpServletResponse response) {
        refuse(
                response,
                HttpStatus.REQUEST_TIMEOUT,
                ProblemCode.HTTP_ERROR,
                "The request body did not arrive in time.");
    }

    /** Answers a request whose body could not be read, and closes its connection: the rest is unread. */
    private void refuse(HttpServletResponse response, HttpStatus status, ProblemCode code, String detail) {
        if (response.isCommitted()) {
            return;
        }
        try {
            problems.write(response, status, code, detail, Map.of("Connection", "close"));
        } catch (IOException | IllegalStateException e) {
            // the connection failed with the read; the client gets no answer
        }
    }

    /** The request with its body already read: the application reads it from memory. */
    private static final class ReadRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        ReadRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body was read already; read it as a blocking stream");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() throws java.io.UnsupportedEncodingException {
            String encoding = getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(
                    new ByteArrayInputStream(body),
                    encoding != null
                            ? java.nio.charset.Charset.forName(encoding)
                            : java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
