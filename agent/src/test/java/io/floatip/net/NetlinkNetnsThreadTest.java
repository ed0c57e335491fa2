package io.floatip.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floatip.lab.HostTests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The safety net of the host tests: code runs in the test namespace or not at all. */
class NetlinkNetnsThreadTest {

    @BeforeEach
    void root() {
        HostTests.requireRoot();
    }

    @Test
    void runsInTheNamedNamespaceAndLeavesTheCallerAlone() throws Exception {
        String before = NetnsThread.currentNetns();
        try (TestNetns netns = TestNetns.create()) {
            String inside = NetnsThread.call(netns.name, NetnsThread::currentNetns);
            assertEquals("net:[" + Files.getAttribute(Path.of("/var/run/netns", netns.name), "unix:ino") + "]", inside);
            assertNotEquals(NetnsThread.processNetns(), inside);
        }
        assertEquals(before, NetnsThread.currentNetns());
    }

    @Test
    void refusesToRunWhenTheNamespaceIsMissing() {
        AtomicBoolean ran = new AtomicBoolean();
        String missing = "fipnl-" + ProcessHandle.current().pid() + "-missing";
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> NetnsThread.call(missing, () -> ran.getAndSet(true)));
        assertFalse(ran.get(), e.getMessage());
    }

    @Test
    void refusesPathsOutsideTheNamespaceDirectory() {
        AtomicBoolean ran = new AtomicBoolean();
        assertThrows(IllegalStateException.class, () -> NetnsThread.call("../self", () -> ran.getAndSet(true)));
        assertFalse(ran.get());
    }
}
