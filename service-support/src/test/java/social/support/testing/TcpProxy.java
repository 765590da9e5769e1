package social.support.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder that a test can cut and restore, to make a real server unreachable for a
 * while (a broker outage) without touching the server, or pause, to make it stop answering while
 * connections stay open (a broker that stopped reading, as under a memory or disk alarm; or a
 * network that black-holes packets: half-open connections), or slow ({@link #delay}).
 */
public final class TcpProxy implements AutoCloseable {
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private volatile ServerSocket server;
    private volatile int port;
    private boolean paused;
    private volatile long delayMillis;

    public TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    public int port() {
        return port;
    }

    /** Accepts connections (again), on the same port as before if it was started already. */
    public synchronized TcpProxy start() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress("127.0.0.1", port));
        server = socket;
        port = socket.getLocalPort();
        Thread acceptor = new Thread(() -> accept(socket), "tcp-proxy-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
        return this;
    }

    /**
     * Stops forwarding in both directions: connections stay open, but nothing written to them
     * arrives until {@link #resume()} (once the buffers between are full, writers block), as with
     * a peer that stopped reading. What was sent meanwhile is delivered on resume.
     */
    public void pause() {
        synchronized (gate) {
            paused = true;
        }
    }

    /** Forwards again what was held back by {@link #pause()}, and everything after it. */
    public void resume() {
        synchronized (gate) {
            paused = false;
            gate.notifyAll();
        }
    }

    /** Holds every chunk of data, both ways, this long before passing it on (zero: none). */
    public void delay(java.time.Duration delay) {
        this.delayMillis = delay.toMillis();
    }

    /** Drops every connection and refuses new ones until {@link #start()}. */
    public synchronized void cut() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
        for (Socket socket : open) {
            socket.close();
        }
        open.clear();
        resume();
    }

    @Override
    public void close() throws IOException {
        cut();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(upstream);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread thread = new Thread(
                () -> {
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        byte[] buffer = new byte[8192];
                        int read;
                        while ((read = in.read(buffer)) >= 0) {
                            awaitForwarding();
                            long delay = delayMillis;
                            if (delay > 0) {
                                // the injected latency itself, not a wait for a result
                                java.util.concurrent.locks.LockSupport.parkNanos(delay * 1_000_000);
                            }
                            out.write(buffer, 0, read);
                            out.flush();
                        }
                    } catch (IOException ignored) {
                        // a cut connection ends the pipe
                    } finally {
                        try {
                            from.close();
                            to.close();
                        } catch (IOException ignored) {
                            // already closed
                        }
                    }
                },
                "tcp-proxy-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    /** Holds a pipe while paused: it then reads no further, so the sender's buffers fill up. */
    private void awaitForwarding() throws IOException {
        synchronized (gate) {
            while (paused) {
                try {
                    gate.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while paused", e);
                }
            }
        }
    }
}
