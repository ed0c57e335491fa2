package io.floatip.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.HostTests;
import io.floatip.lab.ThreadWakeups;
import io.floatip.protocol.AuthType;
import io.floatip.protocol.Ethernet;
import io.floatip.protocol.Ip;
import io.floatip.protocol.VrrpCodec;
import io.floatip.protocol.VrrpPacket;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The capture and send path against real libpcap: a veth pair inside a namespace made for the test, one
 * transport on each end. Frames arrive whole, with the kernel's receive time, and neither sending nor
 * receiving allocates once running (HotSpot's per-thread count).
 */
class PcapTransportHostTest {
    private static final byte[] MAC_A = {2, 0, 0, 0, 0, 0x0a};
    private static final byte[] MAC_B = {2, 0, 0, 0, 0, 0x0b};
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private TestNetns netns;
    private PcapTransport receiver;
    private PcapTransport sender;

    @BeforeEach
    void vethPair() throws Exception {
        HostTests.requireRoot();
        netns = TestNetns.create();
        netns.ip("link", "add", "a0", "address", "02:00:00:00:00:0a", "type", "veth", "peer", "name", "b0",
                "address", "02:00:00:00:00:0b");
        netns.ip("link", "set", "a0", "up");
        netns.ip("link", "set", "b0", "up");
    }

    @AfterEach
    void close() throws Exception {
        if (receiver != null) {
            receiver.close();
        }
        if (sender != null) {
            sender.close();
        }
        if (netns != null) {
            netns.close();
        }
    }

    private static byte[] advert(int priority) {
        VrrpPacket p = new VrrpPacket(3, 51, priority, 10, List.of(Ip.ipv4(198, 51, 100, 50)),
                AuthType.NONE, new byte[0], Ip.ipv4(198, 51, 100, 12), VrrpCodec.MULTICAST_GROUP,
                VrrpPacket.TTL);
        return VrrpCodec.encodeFrame(p, MAC_B, Ethernet.multicastMac(VrrpCodec.MULTICAST_GROUP), 7);
    }

    @Test
    void framesArriveWholeWithTheirReceiveTimeAndNeitherEndAllocates() throws Exception {
        byte[] sent = advert(100);
        AtomicLong frames = new AtomicLong();
        AtomicLong wrong = new AtomicLong();
        AtomicReference<byte[]> first = new AtomicReference<>();
        AtomicLong lastReceivedAt = new AtomicLong();
        AtomicLong rounds = new AtomicLong();
        AtomicLong framesAtRoundEnd = new AtomicLong();
        // Compares in place and copies only the first: the listener itself allocates nothing afterwards.
        FrameListener listener = new FrameListener() {
            @Override
            public void frame(byte[] frame, int length, long receivedAt) {
                if (first.get() == null) {
                    first.set(Arrays.copyOf(frame, length));
                }
                if (length != sent.length || !Arrays.equals(frame, 0, length, sent, 0, sent.length)) {
                    wrong.incrementAndGet();
                }
                lastReceivedAt.set(receivedAt);
                frames.incrementAndGet();
            }

            @Override
            public void roundEnd() {
                rounds.incrementAndGet();
                framesAtRoundEnd.set(frames.get());
            }
        };
        receiver = NetnsThread.call(netns.name, () -> PcapTransport.open("a0", "ip proto 112", listener));
        sender = NetnsThread.call(netns.name, () -> PcapTransport.open("b0", "ip proto 112", (f, l, t) -> { }));
        receiver.start();
        sender.start();

        long before = System.nanoTime();
        assertTrue(sender.send(sent));
        awaitFrames(frames, 1);
        long after = System.nanoTime();
        assertArrayEquals(sent, first.get());
        assertTrue(lastReceivedAt.get() >= before - ReceiveTime.MAX_AGE_NANOS && lastReceivedAt.get() <= after,
                "received between the send and its delivery");

        sendInBatches(sent, frames, 2_000); // warm up both ends
        long capture = captureThread("pcap-a0");
        long captureBefore = THREADS.getThreadAllocatedBytes(capture);
        int runs = 2_000;
        long framesBefore = frames.get();
        long roundsBefore = rounds.get();
        long sentBytes = sendInBatches(sent, frames, runs);
        long receivedBytes = THREADS.getThreadAllocatedBytes(capture) - captureBefore;
        awaitRoundEnd(framesAtRoundEnd, frames.get());
        long roundsTaken = rounds.get() - roundsBefore;
        // 50 frames sent back to back at a time: the capture reads several per round, never more than it got.
        assertTrue(roundsTaken >= runs / PcapTransport.ROUND_MAX && roundsTaken < frames.get() - framesBefore,
                roundsTaken + " read rounds for " + (frames.get() - framesBefore) + " frames");
        assertEquals(0, wrong.get(), "every frame arrived as sent");
        assertTrue(sentBytes < runs, sentBytes + " bytes to send " + runs + " frames");
        assertTrue(receivedBytes < runs, receivedBytes + " bytes to receive " + runs + " frames");
        assertEquals(0, sender.sendErrors());
    }

    /**
     * An idle link costs the capture thread no wake-up (libpcap 1.10+ blocks without a read timeout), and
     * close() still ends the thread at once: breakLoop wakes the blocked read.
     */
    @Test
    void anIdleCaptureSleepsUntilAFrameOrCloseWakesIt() throws Exception {
        receiver = NetnsThread.call(netns.name, () -> PcapTransport.open("a0", "ip proto 112", (f, l, t) -> { }));
        receiver.start();
        java.nio.file.Path task = ThreadWakeups.taskNamed("pcap-a0");
        Thread.sleep(300); // let the thread reach its blocked read
        long before = ThreadWakeups.wakeups(task);
        Thread.sleep(1_500); // a one-second read timeout would wake it at least once here
        assertEquals(0, ThreadWakeups.wakeups(task) - before, "wake-ups of an idle capture thread in 1.5 s");
        receiver.close();
        assertTrue(!receiver.capturing(), "the capture thread ended when close() returned");
        receiver = null;
    }

    /**
     * Sends {@code count} frames, 50 at a time with a wait for their arrival in between (the ring holds ~120);
     * returns what the sends alone allocated on this thread.
     */
    private long sendInBatches(byte[] frame, AtomicLong frames, int count) throws InterruptedException {
        long me = Thread.currentThread().getId();
        long allocated = 0;
        for (int done = 0; done < count; done += 50) {
            long expected = frames.get() + 50;
            long before = THREADS.getThreadAllocatedBytes(me);
            for (int i = 0; i < 50; i++) {
                sender.send(frame);
            }
            allocated += THREADS.getThreadAllocatedBytes(me) - before;
            awaitFrames(frames, expected);
        }
        return allocated;
    }

    /** Every frame delivered is followed by a round's end: none waits for the next frame to be handed on. */
    private static void awaitRoundEnd(AtomicLong framesAtRoundEnd, long frames) throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (framesAtRoundEnd.get() != frames) {
            assertTrue(System.nanoTime() < deadline, "the last round ended at frame " + framesAtRoundEnd.get()
                    + " of " + frames);
            Thread.sleep(5);
        }
    }

    @Test
    void closeWakesAnIdleCaptureAtOnce() throws Exception {
        receiver = NetnsThread.call(netns.name, () -> PcapTransport.open("a0", "ip proto 112", (f, l, t) -> { }));
        receiver.start();
        Thread.sleep(200); // the capture thread is waiting in poll on a link nothing is sent on
        long start = System.nanoTime();
        receiver.close();
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMs < 500, "close took " + tookMs + " ms (the poll waits up to 1 s unless woken)");
        receiver.close(); // twice: harmless
        receiver = null;
    }

    private static void awaitFrames(AtomicLong frames, long count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (frames.get() < count) {
            assertTrue(System.nanoTime() < deadline, "only " + frames.get() + " of " + count + " frames arrived");
            Thread.sleep(5);
        }
    }

    private static long captureThread(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                return t.getId();
            }
        }
        throw new AssertionError("no thread " + name);
    }
}
