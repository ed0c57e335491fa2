package io.floatip.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.status.AgentStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import io.floatip.status.Refusal;
import io.floatip.status.Refusals;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP endpoint on loopback, an ephemeral port, fetched with the JDK's client. */
class MetricsServerTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private MetricsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private URI start(Supplier<AgentStatus> status, String path) throws IOException {
        server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), status);
        return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsAreServedAndParse() throws Exception {
        AtomicInteger scrapes = new AtomicInteger();
        URI uri = start(() -> {
            scrapes.incrementAndGet();
            return Snapshots.twoInstances(1_700_000_000_000L);
        }, "/metrics");
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri).GET());
        assertEquals(200, r.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        Map<String, Exposition.Family> m = Exposition.parse(r.body());
        assertEquals(1234, Exposition.value(m, "floatip_adverts_sent_total", "vrrp_instance", "VI_1"));
        // Each scrape is a fresh snapshot.
        send(HttpRequest.newBuilder(uri).GET());
        assertEquals(2, scrapes.get());
        assertTrue(server.address().getAddress().isLoopbackAddress());
    }

    @Test
    void aQueryStringIsIgnored() throws Exception {
        URI uri = start(() -> Snapshots.twoInstances(0), "/metrics?name[]=x");
        assertEquals(200, send(HttpRequest.newBuilder(uri).GET()).statusCode());
    }

    @Test
    void otherPathsAre404() throws Exception {
        URI uri = start(() -> Snapshots.twoInstances(0), "/");
        for (String path : new String[]{"/", "/metricsx", "/metrics/", "/status"}) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri.resolve(path)).GET());
            assertEquals(404, r.statusCode(), path);
        }
    }

    @Test
    void otherMethodsAre405() throws Exception {
        URI uri = start(() -> Snapshots.twoInstances(0), "/metrics");
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("x")));
        assertEquals(405, r.statusCode());
        assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void aFailingSnapshotIs503WithALine() throws Exception {
        URI uri = start(() -> {
            throw new IllegalStateException("the event loop is stopping");
        }, "/metrics");
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri).GET());
        assertEquals(503, r.statusCode());
        assertEquals("floatip: no status snapshot: the event loop is stopping\n", r.body());
        // The server is still there for the next scrape.
        assertEquals(503, send(HttpRequest.newBuilder(uri).GET()).statusCode());
    }

    @Test
    void aTakenPortIsOneClearLine() throws Exception {
        start(() -> Snapshots.twoInstances(0), "/metrics");
        InetSocketAddress taken = server.address();
        IOException e = assertThrows(IOException.class, () -> MetricsServer.start(taken, () -> null));
        assertEquals("cannot serve metrics on 127.0.0.1:" + taken.getPort() + ": Address already in use",
                e.getMessage());
    }

    @Test
    void closeStopsListening() throws Exception {
        URI uri = start(() -> Snapshots.twoInstances(0), "/metrics");
        server.close();
        server = null;
        assertThrows(IOException.class, () -> send(HttpRequest.newBuilder(uri).GET()));
    }

    /**
     * Issue 16 item 6: on main one client sending a header byte every 5 s blocked every scrape (the JDK server
     * read heads on its one worker thread), and silent connections were never capped (4,400 fds in 21 s). Now:
     * a trickling client and 100 silent ones, and a scrape is still answered at once; the trickler is closed at
     * its deadline, the silent ones beyond 16 at once, each counted.
     */
    @Test
    void aTricklingClientAndAHundredSilentOnesDoNotHoldAScrape() throws Exception {
        server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                () -> Snapshots.twoInstances(1_700_000_000_000L), Duration.ofMillis(1500));
        InetSocketAddress at = new InetSocketAddress("127.0.0.1", server.address().getPort());
        URI uri = URI.create("http://127.0.0.1:" + at.getPort() + "/metrics");
        long timeouts = Refusals.get(Refusal.METRICS_TIMEOUT);
        long overCap = Refusals.get(Refusal.METRICS_OVER_CAP);
        List<SocketChannel> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                clients.add(SocketChannel.open(at));
            }
            // The newest: beyond the cap, the oldest silent clients give way first.
            SocketChannel trickle = SocketChannel.open(at);
            clients.add(trickle);
            trickle.write(ByteBuffer.wrap("GET /metrics HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII)));
            long worst = 0;
            for (int i = 0; i < 5; i++) {
                trickle.write(ByteBuffer.wrap("X".getBytes(StandardCharsets.US_ASCII)));
                long start = System.nanoTime();
                assertEquals(200, send(HttpRequest.newBuilder(uri).GET()).statusCode());
                worst = Math.max(worst, (System.nanoTime() - start) / 1_000_000);
                Thread.sleep(100);
            }
            System.out.printf("[timing] scrape with a trickling client and 100 silent ones: worst %d ms%n", worst);
            assertTrue(worst < 1000, "scrapes answered at once: " + worst + " ms");
            assertTrue(Refusals.get(Refusal.METRICS_OVER_CAP) - overCap >= 84, "silent ones beyond 16 closed");
            // The trickler is closed by its deadline, however many bytes it sends.
            trickle.configureBlocking(true);
            trickle.socket().setSoTimeout(5000);
            long start = System.nanoTime();
            int read = trickle.socket().getInputStream().read();
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(-1, read, "closed without an answer");
            assertTrue(ms < 3000, "within its deadline: " + ms + " ms");
            assertTrue(Refusals.get(Refusal.METRICS_TIMEOUT) > timeouts, "counted");
            assertEquals(200, send(HttpRequest.newBuilder(uri).GET()).statusCode());
        } finally {
            for (SocketChannel c : clients) {
                c.close();
            }
        }
    }

    @Test
    void aHeadLongerThan8KibIs431() throws Exception {
        URI uri = start(() -> Snapshots.twoInstances(1_700_000_000_000L), "/metrics");
        try (SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", uri.getPort()))) {
            c.write(ByteBuffer.wrap(("GET /metrics HTTP/1.1\r\nX: " + "a".repeat(9000) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            String reply = new String(c.socket().getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(reply.startsWith("HTTP/1.1 431 "), reply);
        }
    }
}
