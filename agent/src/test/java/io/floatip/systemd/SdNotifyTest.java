package io.floatip.systemd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SdNotify against a real AF_UNIX datagram socket standing in for systemd: what arrives, byte for byte. */
class SdNotifyTest {
    private static final AtomicInteger ABSTRACT_NAMES = new AtomicInteger();
    private static final Pattern RELOADING = Pattern.compile("RELOADING=1\nMONOTONIC_USEC=([0-9]+)");

    @TempDir
    Path dir;

    @Test
    void aSocketFileReceivesEveryMessageInOrderByteForByte() {
        String path = dir.resolve("notify").toString();
        try (NotifyReceiver manager = new NotifyReceiver(path)) {
            assertTrue(Files.exists(Path.of(path)), "bound: the socket file exists");
            lifecycle(new SdNotify(path, failOnWarning()), manager);
        }
    }

    @Test
    void anAbstractNameReceivesEveryMessageInOrderByteForByte() {
        String name = "@floatip-test-" + ProcessHandle.current().pid() + "-" + ABSTRACT_NAMES.incrementAndGet();
        try (NotifyReceiver manager = new NotifyReceiver(name)) {
            lifecycle(new SdNotify(name, failOnWarning()), manager);
        }
    }

    @Test
    void anAbstractNameIsNotAPathAndCarriesNoTerminatingNul() {
        String name = "floatip-test-" + ProcessHandle.current().pid() + "-" + ABSTRACT_NAMES.incrementAndGet();
        // Bound as "name" + NUL: a sender that added a terminator would reach this socket, not the right one.
        try (NotifyReceiver right = new NotifyReceiver("@" + name);
             NotifyReceiver terminated = new NotifyReceiver("@" + name + "\0")) {
            SdNotify notify = new SdNotify("@" + name, failOnWarning());
            notify.ready();
            assertEquals("READY=1", text(right.receive()));
            assertNull(terminated.poll());
            assertFalse(Files.exists(Path.of(name)), "no file made for an abstract name");
        }
    }

    /** The sequence the agent sends over a life: start, status, a SIGHUP reload, SIGTERM, watchdog pings. */
    private static void lifecycle(SdNotify notify, NotifyReceiver manager) {
        assertTrue(notify.enabled());
        long before = NotifyReceiver.monotonicMicros();
        notify.ready();
        notify.status("VI_1 MASTER, VI_2 BACKUP");
        notify.reloading();
        notify.ready();
        notify.stopping();
        notify.watchdog();
        notify.send("STATUS=é ünïcode\nERRNO=0");
        long after = NotifyReceiver.monotonicMicros();

        assertArrayEquals(bytes("READY=1"), manager.receive());
        assertArrayEquals(bytes("STATUS=VI_1 MASTER, VI_2 BACKUP"), manager.receive());
        String reloading = text(manager.receive());
        Matcher m = RELOADING.matcher(reloading);
        assertTrue(m.matches(), "one datagram, two fields: " + reloading);
        long usec = Long.parseLong(m.group(1));
        assertTrue(usec >= before && usec <= after, "CLOCK_MONOTONIC " + usec + " within [" + before + ", "
                + after + "]");
        assertArrayEquals(bytes("READY=1"), manager.receive());
        assertArrayEquals(bytes("STOPPING=1"), manager.receive());
        assertArrayEquals(bytes("WATCHDOG=1"), manager.receive());
        assertArrayEquals(bytes("STATUS=é ünïcode\nERRNO=0"), manager.receive());
        assertNull(manager.poll(), "nothing more was sent");
        assertEquals(0, notify.failures());
    }

    @Test
    void aStatusLineCannotSmuggleInAnotherField() {
        String path = dir.resolve("notify").toString();
        try (NotifyReceiver manager = new NotifyReceiver(path)) {
            new SdNotify(path, failOnWarning()).status("VI_1 MASTER\nREADY=1\r");
            assertEquals("STATUS=VI_1 MASTER READY=1 ", text(manager.receive()));
        }
    }

    @Test
    void withoutNotifySocketEverythingIsANoOp() {
        for (SdNotify off : List.of(SdNotify.fromEnvironment(Map.of()), new SdNotify(null, failOnWarning()),
                new SdNotify("", failOnWarning()))) {
            assertFalse(off.enabled());
            off.ready();
            off.status("x");
            off.reloading();
            off.stopping();
            off.watchdog();
            off.send("READY=1");
            assertEquals(0, off.failures());
        }
        assertTrue(SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "/run/systemd/notify")).enabled());
    }

    @Test
    void aMissingSocketIsCountedAndWarnedAboutOnceNeverThrown() {
        List<String> warnings = new ArrayList<>();
        String path = dir.resolve("nobody-listens").toString();
        SdNotify notify = new SdNotify(path, warnings::add);
        notify.ready();
        notify.watchdog();
        notify.stopping();
        assertEquals(3, notify.failures());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains(path) && warnings.get(0).contains("ENOENT"), warnings.get(0));
    }

    @Test
    void aSocketNobodyReadsAnyMoreIsCountedNotThrown() {
        String path = dir.resolve("gone").toString();
        new NotifyReceiver(path).close(); // the file stays, the listener is gone
        List<String> warnings = new ArrayList<>();
        SdNotify notify = new SdNotify(path, warnings::add);
        notify.ready();
        assertEquals(1, notify.failures());
        assertTrue(warnings.get(0).contains("ECONNREFUSED"), warnings.toString());
    }

    @Test
    void anUnusableNotifySocketValueIsCountedNotThrown() {
        for (String bad : List.of("relative/path", "@", "vsock:2:1234", "/" + "x".repeat(UnixAddress.PATH_MAX))) {
            List<String> warnings = new ArrayList<>();
            SdNotify notify = new SdNotify(bad, warnings::add);
            assertTrue(notify.enabled());
            notify.ready();
            notify.watchdog();
            assertEquals(2, notify.failures(), bad);
            assertEquals(1, warnings.size(), bad + ": " + warnings);
            assertTrue(warnings.get(0).contains("unusable"), warnings.get(0));
        }
    }

    @Test
    void theLongestPathThatFitsIsUsable() {
        // sun_path holds 108 bytes including the NUL: a 107-byte path is the longest.
        String base = dir.toString() + "/";
        String path = base + "s".repeat(UnixAddress.PATH_MAX - 1 - base.length());
        try (NotifyReceiver manager = new NotifyReceiver(path)) {
            SdNotify notify = new SdNotify(path, failOnWarning());
            notify.ready();
            assertEquals("READY=1", text(manager.receive()));
        }
    }

    @Test
    void watchdogIntervalComesFromWatchdogUsecForThisProcessOnly() {
        long me = ProcessHandle.current().pid();
        assertEquals(Duration.ofSeconds(5), SdNotify.watchdogInterval(Map.of("WATCHDOG_USEC", "5000000"), me));
        assertEquals(Duration.ofMillis(2500), SdNotify.watchdogInterval(
                Map.of("WATCHDOG_USEC", "2500000", "WATCHDOG_PID", Long.toString(me)), me));
        assertNull(SdNotify.watchdogInterval(
                Map.of("WATCHDOG_USEC", "5000000", "WATCHDOG_PID", Long.toString(me + 1)), me));
        assertNull(SdNotify.watchdogInterval(Map.of(), me));
        assertNull(SdNotify.watchdogInterval(Map.of("WATCHDOG_PID", Long.toString(me)), me));
        for (String bad : List.of("", "0", "-5", "5s", "9223372036854775807")) {
            assertNull(SdNotify.watchdogInterval(Map.of("WATCHDOG_USEC", bad), me), bad);
        }
        assertNull(SdNotify.watchdogInterval(Map.of("WATCHDOG_USEC", "5000000", "WATCHDOG_PID", "x"), me));
    }

    @Test
    void threadsSendingAtOnceEachKeepTheirOrder() throws InterruptedException {
        // 4 x 2 messages: fewer than the kernel's default datagram queue (net.unix.max_dgram_qlen, 10),
        // since a full queue is a counted failure by design (the sender never blocks).
        String path = dir.resolve("notify").toString();
        try (NotifyReceiver manager = new NotifyReceiver(path)) {
            SdNotify notify = new SdNotify(path, failOnWarning());
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String id = "t" + t;
                threads.add(new Thread(() -> {
                    notify.status(id + " first");
                    notify.status(id + " second");
                }));
            }
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                thread.join();
            }
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                got.add(text(manager.receive()));
            }
            for (int t = 0; t < 4; t++) {
                String first = "STATUS=t" + t + " first";
                String second = "STATUS=t" + t + " second";
                assertTrue(got.indexOf(first) >= 0 && got.indexOf(first) < got.indexOf(second), got.toString());
            }
            assertEquals(0, notify.failures());
        }
    }

    @Test
    void aFullQueueIsAFailureNotAStall() {
        String path = dir.resolve("notify").toString();
        try (NotifyReceiver manager = new NotifyReceiver(path)) {
            List<String> warnings = new ArrayList<>();
            SdNotify notify = new SdNotify(path, warnings::add);
            long start = System.nanoTime();
            for (int i = 0; i < 2000; i++) { // nobody reads: the queue fills
                notify.watchdog();
            }
            assertTrue(notify.failures() > 0, "some were refused");
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "never blocked");
            assertTrue(warnings.get(0).contains("EAGAIN"), warnings.toString());
            assertArrayEquals(bytes("WATCHDOG=1"), manager.receive(), "the queued ones are intact");
        }
    }

    private static java.util.function.Consumer<String> failOnWarning() {
        return w -> {
            throw new AssertionError("unexpected warning: " + w);
        };
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
