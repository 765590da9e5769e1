package social.bench;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import org.HdrHistogram.Histogram;

/**
 * The transport floor: a raw RabbitMQ request/reply echo through the same broker the stack uses,
 * the same way its request/reply works (a queue with {@code consumers} consumers of prefetch
 * {@code prefetch}, acknowledging after the answer; the client uses direct reply-to and the same
 * per-request expiration), at the same fixed arrival rate (open model: latency is measured from
 * each request's intended send time) and with replies of the mix's mean response size.
 * Then, for {@code saturate} seconds, a closed loop with {@code saturateConcurrency} requests in
 * flight: the most request/replies per second the broker alone allows on this machine.
 * The queue has a unique name under the messaging prefix, auto-deletes and is deleted at the end.
 *
 * <p>System properties: rate (100), duration (s, 60), warmup (s, 5), bodyBytes (reply, 2048),
 * requestBytes (256), consumers (8), prefetch (50), clientChannels (4), saturate (s, 10),
 * saturateConcurrency (64), out (echo.json). Broker: RABBIT_HOST/PORT/USER/PASSWORD/VHOST,
 * MESSAGING_PREFIX, as the services read them.
 */
public final class EchoFloor {
    static final String REPLY_TO = "amq.rabbitmq.reply-to";

    final double rate = Double.parseDouble(System.getProperty("rate", "100"));
    final int duration = Integer.getInteger("duration", 60);
    final int warmup = Integer.getInteger("warmup", 5);
    final int bodyBytes = Integer.getInteger("bodyBytes", 2048);
    final int requestBytes = Integer.getInteger("requestBytes", 256);
    final int consumers = Integer.getInteger("consumers", 8);
    final int prefetch = Integer.getInteger("prefetch", 50);
    final int clientChannels = Integer.getInteger("clientChannels", 4);
    final int saturate = Integer.getInteger("saturate", 10);
    final int saturateConcurrency = Integer.getInteger("saturateConcurrency", 64);
    final String out = System.getProperty("out", "echo.json");

    final Map<String, Long> pending = new ConcurrentHashMap<>();
    final AtomicLong seq = new AtomicLong();
    final List<Channel> clients = new ArrayList<>();
    volatile Phase phase;

    /** One measured stretch: latencies from intended send to reply, in microseconds. */
    static final class Phase {
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        final AtomicLong replies = new AtomicLong();
        final boolean record;
        final boolean closedLoop;
        volatile boolean open = true;

        Phase(boolean record, boolean closedLoop) {
            this.record = record;
            this.closedLoop = closedLoop;
        }
    }

    public static void main(String[] args) throws Exception {
        new EchoFloor().run();
    }

    void run() throws Exception {
        String host = env("RABBIT_HOST", "localhost");
        if (!Http.isLocal(host)) {
            throw new IllegalArgumentException("the benchmark only targets localhost, not " + host);
        }
        ConnectionFactory cf = new ConnectionFactory();
        cf.setHost(host);
        cf.setPort(Integer.parseInt(env("RABBIT_PORT", "5672")));
        cf.setUsername(env("RABBIT_USER", "guest"));
        cf.setPassword(env("RABBIT_PASSWORD", "guest"));
        cf.setVirtualHost(env("RABBIT_VHOST", "/"));
        String queue = env("MESSAGING_PREFIX", "") + "echo-floor." + UUID.randomUUID();

        byte[] reply = filler(bodyBytes);
        byte[] request = filler(requestBytes);
        try (Connection server = cf.newConnection("bench-echo-server");
                Connection client = cf.newConnection("bench-echo-client")) {
            Channel admin = server.createChannel();
            admin.queueDeclare(queue, false, false, true, Map.of("x-expires", 120_000));
            try {
                for (int c = 0; c < consumers; c++) {
                    Channel ch = server.createChannel();
                    ch.basicQos(prefetch);
                    ch.basicConsume(queue, false, new DefaultConsumer(ch) {
                        @Override
                        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties p, byte[] body)
                                throws IOException {
                            AMQP.BasicProperties rp = new AMQP.BasicProperties.Builder()
                                    .correlationId(p.getCorrelationId())
                                    .contentType("application/json")
                                    .build();
                            getChannel().basicPublish("", p.getReplyTo(), rp, reply);
                            getChannel().basicAck(envelope.getDeliveryTag(), false);
                        }
                    });
                }
                for (int c = 0; c < clientChannels; c++) {
                    Channel ch = client.createChannel();
                    ch.basicConsume(REPLY_TO, true, new DefaultConsumer(ch) {
                        @Override
                        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties p, byte[] body) {
                            onReply(p.getCorrelationId(), getChannel(), queue, request);
                        }
                    });
                    clients.add(ch);
                }
                System.out.printf(
                        "echo floor: queue %s, %d consumers (prefetch %d), %d client channels, request %d B, reply %d B%n",
                        queue, consumers, prefetch, clientChannels, requestBytes, bodyBytes);

                Map<String, Object> result = new LinkedHashMap<>();
                result.put("queue", queue);
                result.put("requestBytes", requestBytes);
                result.put("replyBytes", bodyBytes);
                result.put("consumers", consumers);
                result.put("prefetch", prefetch);
                result.put("clientChannels", clientChannels);
                if (warmup > 0) {
                    openLoop(queue, request, warmup, new Phase(false, false));
                }
                Phase measured = new Phase(true, false);
                long[] outcome = openLoop(queue, request, duration, measured);
                Map<String, Object> open = stats(measured, duration);
                open.put("rate", rate);
                open.put("durationSeconds", duration);
                open.put("sent", outcome[0]);
                open.put("errors", outcome[1]);
                open.put("maxInFlight", outcome[2]);
                result.put("openModel", open);
                System.out.printf("echo floor at %.0f/s for %ds: %s%n", rate, duration, open);
                if (saturate > 0) {
                    Phase sat = new Phase(true, true);
                    closedLoop(queue, request, saturate, sat);
                    Map<String, Object> closed = stats(sat, saturate);
                    closed.put("concurrency", saturateConcurrency);
                    closed.put("durationSeconds", saturate);
                    result.put("closedLoopMax", closed);
                    System.out.printf(
                            "echo floor closed loop, %d in flight for %ds: %s%n",
                            saturateConcurrency, saturate, closed);
                }
                Http.JSON.writerWithDefaultPrettyPrinter().writeValue(new File(out), result);
            } finally {
                admin.queueDelete(queue);
            }
        }
    }

    /** Sends at the fixed rate for the given seconds; returns {sent, errors (no reply within 5 s), max in flight}. */
    long[] openLoop(String queue, byte[] request, int seconds, Phase p) throws Exception {
        phase = p;
        pending.clear();
        long total = Math.round(rate * seconds);
        long t0 = System.nanoTime();
        long maxInFlight = 0;
        for (long i = 0; i < total; i++) {
            long intended = t0 + (long) (i * 1e9 / rate);
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            send(clients.get((int) (i % clients.size())), queue, request, intended);
            maxInFlight = Math.max(maxInFlight, pending.size());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        p.open = false;
        long lost = pending.size();
        pending.clear();
        return new long[] {total, lost, maxInFlight};
    }

    void closedLoop(String queue, byte[] request, int seconds, Phase p) throws Exception {
        phase = p;
        pending.clear();
        for (int i = 0; i < saturateConcurrency; i++) {
            send(clients.get(i % clients.size()), queue, request, System.nanoTime());
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        p.open = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        pending.clear();
    }

    void send(Channel ch, String queue, byte[] request, long intended) {
        String id = Long.toString(seq.incrementAndGet());
        pending.put(id, intended);
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .correlationId(id)
                .replyTo(REPLY_TO)
                .expiration("5000")
                .contentType("application/json")
                .build();
        try {
            synchronized (ch) {
                ch.basicPublish("", queue, props, request);
            }
        } catch (IOException e) {
            pending.remove(id);
            throw new IllegalStateException("publish failed", e);
        }
    }

    void onReply(String correlationId, Channel ch, String queue, byte[] request) {
        Long intended = pending.remove(correlationId);
        Phase p = phase;
        if (intended == null || p == null) {
            return;
        }
        long micros = (System.nanoTime() - intended) / 1000;
        if (p.record) {
            synchronized (p.histogram) {
                p.histogram.recordValue(Math.min(micros, p.histogram.getHighestTrackableValue()));
            }
            p.replies.incrementAndGet();
        }
        if (p.closedLoop && p.open) {
            send(ch, queue, request, System.nanoTime());
        }
    }

    static Map<String, Object> stats(Phase p, int seconds) {
        Map<String, Object> s = new LinkedHashMap<>();
        Histogram h;
        synchronized (p.histogram) {
            h = p.histogram.copy();
        }
        s.put("replies", p.replies.get());
        s.put("throughputPerSecond", round(p.replies.get() / (double) seconds));
        s.put("meanMs", round(h.getMean() / 1000));
        s.put("p50Ms", ms(h, 50));
        s.put("p90Ms", ms(h, 90));
        s.put("p99Ms", ms(h, 99));
        s.put("p999Ms", ms(h, 99.9));
        s.put("maxMs", round(h.getMaxValue() / 1000.0));
        return s;
    }

    static double ms(Histogram h, double percentile) {
        return round(h.getValueAtPercentile(percentile) / 1000.0);
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static byte[] filler(int size) {
        byte[] b = new byte[Math.max(2, size)];
        Arrays.fill(b, (byte) 'x');
        b[0] = '"';
        b[b.length - 1] = '"';
        return b;
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
