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
 * while (a broker outage) without touching the server; or slow ({@link #delay}) or silent while
 * connections stay open ({@link #blackhole}: a half-open network, as a dead switch leaves it).
 */
public final class TcpProxy implements AutoCloseable {
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private volatile int port;
    private volatile long delayMillis;
    private volatile boolean blackholed;

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
    }

    /** Holds every chunk of data, both ways, this long before passing it on (0: none). */
    public void delay(java.time.Duration delay) {
        this.delayMillis = delay.toMillis();
    }

    /**
     * While on, passes nothing either way and accepts no new connection, but closes nothing: the
     * peers see silence, not an error, until their own timeouts or heartbeats notice.
     */
    public void blackhole(boolean on) {
        synchronized (this) {
            blackholed = on;
            notifyAll();
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                awaitNoBlackhole();
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

    private void awaitNoBlackhole() throws IOException {
        synchronized (this) {
            while (blackholed) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted in a blackhole", e);
                }
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread thread = new Thread(
                () -> {
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        byte[] buffer = new byte[16 * 1024];
                        int read;
                        while ((read = in.read(buffer)) >= 0) {
                            awaitNoBlackhole();
                            long delay = delayMillis;
                            if (delay > 0) {
                                Thread.sleep(delay);
                            }
                            out.write(buffer, 0, read);
                            out.flush();
                        }
                    } catch (IOException ignored) {
                        // a cut connection ends the pipe
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
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
}
