package io.floatip.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.status.AgentStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
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
}
