package io.floatip.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.HostTests;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LinkMonitor against the real kernel, inside a namespace made for each test. */
class NetlinkLinkMonitorHostTest {
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private TestNetns netns;
    private LinkMonitor monitor;

    @BeforeEach
    void namespace() throws Exception {
        HostTests.requireRoot();
        netns = TestNetns.create();
    }

    @AfterEach
    void removeNamespace() throws Exception {
        if (monitor != null) {
            monitor.close();
        }
        if (netns != null) {
            netns.close();
        }
    }

    @Test
    void reportsAdministrativeDownThenUp() throws Exception {
        netns.addUpInterface("d0");
        LinkEvents events = new LinkEvents();
        monitor = NetnsThread.call(netns.name, () -> LinkMonitor.start(events));
        int d0;
        try (Netlink netlink = NetnsThread.call(netns.name, Netlink::new)) {
            LinkState start = netlink.query("d0");
            assertTrue(start.up(), start.toString());
            d0 = start.ifIndex();
        }

        netns.ip("link", "set", "d0", "down");
        LinkState down = events.await(s -> s.ifIndex() == d0 && !s.up(), DEADLINE, "d0 down");
        assertEquals("d0", down.name());
        assertFalse(down.deleted());

        netns.ip("link", "set", "d0", "up");
        events.await(s -> s.ifIndex() == d0 && s.up() && s.lowerUp(), DEADLINE, "d0 up with carrier");
    }

    @Test
    void reportsLostCarrierWhenTheVethPeerGoesDown() throws Exception {
        netns.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        netns.ip("link", "set", "v0", "up");
        netns.ip("link", "set", "v1", "up");
        LinkEvents events = new LinkEvents();
        monitor = NetnsThread.call(netns.name, () -> LinkMonitor.start(events));
        try (Netlink netlink = NetnsThread.call(netns.name, Netlink::new)) {
            // Carrier comes up when both ends are up; whether already reported depends on timing.
            if (!netlink.query("v0").lowerUp()) {
                events.await(s -> s.name().equals("v0") && s.lowerUp(), DEADLINE, "v0 carrier");
            }
        }

        netns.ip("link", "set", "v1", "down");
        LinkState lost = events.await(s -> s.name().equals("v0") && !s.lowerUp(), DEADLINE, "v0 without carrier");
        assertTrue(lost.up(), "v0 itself stays administratively up: " + lost);

        netns.ip("link", "set", "v1", "up");
        events.await(s -> s.name().equals("v0") && s.lowerUp(), DEADLINE, "v0 carrier back");

        netns.ip("link", "del", "v1");
        events.await(s -> s.name().equals("v0") && s.deleted(), DEADLINE, "v0 deleted with its peer");
    }

    @Test
    void aFailingListenerDoesNotStopTheMonitor() throws Exception {
        netns.addUpInterface("d0");
        LinkEvents events = new LinkEvents();
        AtomicBoolean thrown = new AtomicBoolean();
        monitor = NetnsThread.call(netns.name, () -> LinkMonitor.start(state -> {
            if (thrown.compareAndSet(false, true)) {
                throw new IllegalStateException("listener bug (expected by the test)");
            }
            events.linkChanged(state);
        }));

        netns.ip("link", "set", "d0", "down");
        netns.ip("link", "set", "d0", "up");
        events.await(s -> s.name().equals("d0") && s.up(), DEADLINE, "d0 up after the listener threw");
        assertTrue(thrown.get());
    }

    @Test
    void closeStopsTheThreadPromptly() throws Exception {
        LinkMonitor started = NetnsThread.call(netns.name, () -> LinkMonitor.start(state -> { }));
        assertTrue(started.threadAlive());
        long begin = System.nanoTime();
        started.close();
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        assertTrue(took.compareTo(Duration.ofMillis(200)) < 0, "close() does not wait for the read: " + took);
        long deadline = System.nanoTime() + Duration.ofMillis(1_500).toNanos();
        while (started.threadAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10); // polling a condition with a deadline
        }
        assertFalse(started.threadAlive(), "close() wakes the thread's read: it ends at once");
    }
}
