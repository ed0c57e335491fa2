package io.floatip.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.floatip.status.AgentStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /metrics} ({@link Metrics}) over plain HTTP on one thread; every other path is 404.
 * There is no authentication: listen on loopback, or on an address only the monitoring network reaches.
 */
public final class MetricsServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger("floatip");

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * @param listen where to listen; port 0 picks a free one (see {@link #address()})
     * @param status called on the server's thread for each scrape; it must be safe to call from there
     * @throws IOException with a one-line message naming the address, e.g. when the port is taken
     */
    public static MetricsServer start(InetSocketAddress listen, Supplier<AgentStatus> status) throws IOException {
        Objects.requireNonNull(status, "status");
        HttpServer server;
        try {
            server = HttpServer.create(listen, 8);
        } catch (IOException e) {
            throw new IOException("cannot serve metrics on " + text(listen) + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "floatip-metrics");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(exchange, status));
        server.start();
        return new MetricsServer(server, executor);
    }

    private static void handle(HttpExchange exchange, Supplier<AgentStatus> status) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"/metrics".equals(path)) {
                reply(exchange, 404, "not found; metrics are at /metrics\n");
                return;
            }
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                reply(exchange, 405, "only GET\n");
                return;
            }
            String body;
            try {
                body = Metrics.render(status.get());
            } catch (RuntimeException e) {
                log.warn("metrics: cannot take a status snapshot: {}", e.toString());
                reply(exchange, 503, "floatip: no status snapshot: "
                        + String.valueOf(e.getMessage()).replaceAll("\\s+", " ") + "\n");
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", Metrics.CONTENT_TYPE);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            if (method.equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void reply(HttpExchange exchange, int code, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(code, -1);
            return;
        }
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Where it listens, with the port it got. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static String text(InetSocketAddress address) {
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
