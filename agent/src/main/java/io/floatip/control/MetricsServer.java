package io.floatip.control;

import io.floatip.status.AgentStatus;
import io.floatip.status.Refusal;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /metrics} ({@link Metrics}) over plain HTTP/1.1, one request per connection
 * ({@code Connection: close}); every other path is 404. Each client must send its request head (8 KiB at most)
 * within 2 s, and at most 16 are open at once, so a client that trickles a header byte every few seconds or a
 * crowd of silent ones cannot hold a scrape or the agent's descriptors (issue 16 item 6; see
 * {@link OneShotServer}). There is no authentication: listen on loopback, or on an address only the
 * monitoring network reaches.
 */
public final class MetricsServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger("floatip");
    static final int MAX_CONNECTIONS = 16;
    static final int MAX_HEAD_BYTES = 8192;
    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);

    private final ServerSocketChannel channel;
    private final OneShotServer server;

    private MetricsServer(ServerSocketChannel channel, OneShotServer server) {
        this.channel = channel;
        this.server = server;
    }

    /**
     * @param listen where to listen; port 0 picks a free one (see {@link #address()})
     * @param status called on the server's own thread for each scrape; it must be safe to call from there
     * @throws IOException with a one-line message naming the address, e.g. when the port is taken
     */
    public static MetricsServer start(InetSocketAddress listen, Supplier<AgentStatus> status) throws IOException {
        return start(listen, status, READ_TIMEOUT);
    }

    /** With another read deadline, for tests. */
    static MetricsServer start(InetSocketAddress listen, Supplier<AgentStatus> status, Duration readTimeout)
            throws IOException {
        Objects.requireNonNull(status, "status");
        ServerSocketChannel channel = ServerSocketChannel.open(listen.getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            channel.bind(listen, 16);
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot serve metrics on " + text(listen) + ": " + e.getMessage(), e);
        }
        OneShotServer server = new OneShotServer("floatip-metrics", channel, new Http(status),
                new OneShotServer.Limits(MAX_CONNECTIONS, MAX_HEAD_BYTES, readTimeout, WRITE_TIMEOUT),
                new OneShotServer.Counters(Refusal.METRICS_OVER_CAP, Refusal.METRICS_TIMEOUT,
                        Refusal.METRICS_TOO_LONG));
        return new MetricsServer(channel, server);
    }

    /** Just enough HTTP/1.x for a scraper: the request line of a head that ends with an empty line. */
    private record Http(Supplier<AgentStatus> status) implements OneShotServer.Exchange {
        @Override
        public boolean complete(byte[] bytes, int length, boolean ended) {
            return headEnd(bytes, Math.min(length, MAX_HEAD_BYTES)) >= 0;
        }

        @Override
        public byte[] answer(byte[] bytes, int length) {
            String head = new String(bytes, 0, headEnd(bytes, length), StandardCharsets.ISO_8859_1);
            String[] request = head.split("\r?\n", 2)[0].split(" ");
            if (request.length != 3 || !request[2].startsWith("HTTP/1.")) {
                return response(400, "Bad Request", "text/plain; charset=utf-8", "bad request line\n", false, null);
            }
            String method = request[0];
            boolean headOnly = method.equals("HEAD");
            String path = request[1].split("\\?", 2)[0];
            if (!"/metrics".equals(path)) {
                return response(404, "Not Found", "text/plain; charset=utf-8", "not found; metrics are at /metrics\n",
                        headOnly, null);
            }
            if (!method.equals("GET") && !headOnly) {
                return response(405, "Method Not Allowed", "text/plain; charset=utf-8", "only GET\n", false,
                        "Allow: GET, HEAD\r\n");
            }
            String body;
            try {
                body = Metrics.render(status.get());
            } catch (RuntimeException e) {
                log.warn("metrics: cannot take a status snapshot: {}", e.toString());
                return response(503, "Service Unavailable", "text/plain; charset=utf-8", "floatip: no status snapshot: "
                        + String.valueOf(e.getMessage()).replaceAll("\\s+", " ") + "\n", headOnly, null);
            }
            return response(200, "OK", Metrics.CONTENT_TYPE, body, headOnly, null);
        }

        @Override
        public byte[] tooLong() {
            return response(431, "Request Header Fields Too Large", "text/plain; charset=utf-8",
                    "request head longer than " + MAX_HEAD_BYTES + " bytes\n", false, null);
        }

        @Override
        public byte[] timedOut() {
            return null; // a slow client gets nothing for its trouble
        }
    }

    /** Where the head ends (after its empty line), or -1. */
    static int headEnd(byte[] b, int length) {
        for (int i = 0; i + 1 < length; i++) {
            if (b[i] == '\n' && b[i + 1] == '\n') {
                return i + 2;
            }
            if (i + 3 < length && b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    private static byte[] response(int code, String reason, String type, String body, boolean headOnly, String extra) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + code + " " + reason + "\r\nContent-Type: " + type + "\r\nContent-Length: "
                + content.length + "\r\nConnection: close\r\n" + (extra == null ? "" : extra) + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        if (headOnly) {
            return h;
        }
        byte[] all = new byte[h.length + content.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(content, 0, all, h.length, content.length);
        return all;
    }

    /** Where it listens, with the port it got. */
    public InetSocketAddress address() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("metrics server is closed", e);
        }
    }

    @Override
    public void close() {
        server.close();
    }

    private static String text(InetSocketAddress address) {
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
