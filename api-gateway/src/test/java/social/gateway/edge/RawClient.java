package social.gateway.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP/1.1 over a plain socket, from a loopback address of the test's choosing (all of 127/8 is
 * this host on Linux), so that a test can play many clients and send a request as slowly as it
 * likes.
 */
final class RawClient {
    private RawClient() {}

    /** What came back: the status (0: the connection closed without an answer), the body, the time taken. */
    record Answer(int status, String text, Duration took) {}

    /** A connection from {@code from} to the server. */
    static Socket connect(String from, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return socket;
    }

    /** The headers of a JSON POST that announces {@code contentLength} bytes, and the first byte of them. */
    static Socket slowBody(String from, int port, int contentLength) throws IOException {
        Socket socket = connect(from, port);
        send(
                socket,
                "POST /api/posts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + "Content-Length: "
                        + contentLength + "\r\n\r\n{");
        return socket;
    }

    static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** A GET of an API path from {@code from}, answered within {@code wait} or not at all. */
    static Answer get(String from, int port, Duration wait) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = connect(from, port)) {
            send(socket, "GET /api/timeline HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            return read(socket, wait, start);
        }
    }

    /** The answer on {@code socket} (all of it, up to the connection's close), waiting at most {@code wait}. */
    static Answer read(Socket socket, Duration wait, long startNanos) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                received.write(buffer, 0, n);
                if (complete(received.toString(StandardCharsets.ISO_8859_1))) {
                    break;
                }
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // no (further) answer in time, or the server reset the connection: judged by what came
        }
        String text = received.toString(StandardCharsets.UTF_8);
        int status = text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : 0;
        return new Answer(status, text, Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /** Whether a whole answer with a Content-Length, or a chunked one, has arrived. */
    private static boolean complete(String text) {
        int headersEnd = text.indexOf("\r\n\r\n");
        if (headersEnd < 0) {
            return false;
        }
        String headers = text.substring(0, headersEnd).toLowerCase(java.util.Locale.ROOT);
        int length = headers.indexOf("content-length: ");
        if (length >= 0) {
            int end = headers.indexOf("\r\n", length);
            int declared = Integer.parseInt(headers.substring(length + 16, end < 0 ? headers.length() : end)
                    .strip());
            return text.length() - headersEnd - 4 >= declared;
        }
        return headers.contains("transfer-encoding: chunked") && text.endsWith("0\r\n\r\n");
    }
}
