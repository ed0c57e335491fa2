package io.floatip.net;

import com.sun.jna.Pointer;
import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames in and out of one interface through libpcap (pcap4j). Receives with a BPF filter in immediate mode
 * (without it a frame waits for the read timeout) on a thread of its own; sends from whichever thread calls
 * {@link #send}. If the capture fails (the interface went away), it reopens with a back-off.
 *
 * <p>pcap4j opens, configures and closes the handle; reading and sending go straight to libpcap
 * ({@link PcapCalls}) with buffers made once, so a frame in or out allocates nothing. The capture is
 * non-blocking: the thread reads every frame the ring holds (a read round), tells the listener the round is
 * over ({@link FrameListener#roundEnd}: one hand-over to the event loop for all of them), and only then waits in
 * poll ({@link FrameWait}). A burst of frames (a master's adverts for many instances) is read in a few rounds
 * rather than one wake-up per frame ({@link BurstGather}).
 */
public final class PcapTransport implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PcapTransport.class);
    /**
     * How long the capture waits in poll for a frame: for ever. Idle wake-ups cost CPU, and close() wakes the poll
     * itself (FrameWait's eventfd), whatever the libpcap version.
     */
    private static final int IDLE_POLL_MS = -1;
    /**
     * After an error indication that libpcap did not yet report as a failure (ENETDOWN while the interface is
     * being deleted): poll this often, for at most {@link #NETDOWN_POLLS} waits, so the deletion is seen within
     * milliseconds. libpcap's own blocking read does the same (1 ms) after ENETDOWN.
     */
    private static final int NETDOWN_POLL_MS = 5;
    private static final int NETDOWN_POLLS = 200;
    private static final int PKTHDR = 24;
    /**
     * At most this many frames to a round: under a flood the ring never runs dry, and the first advert of a long
     * burst (a keepalived master's 255) should not wait for the listener to get through all the others.
     */
    static final int ROUND_MAX = 32;

    private final String interfaceName;
    private volatile String filter;
    private final FrameListener listener;
    private final Thread thread;
    private final AtomicLong sendErrors = new AtomicLong();
    /** The handle and its pcap_t; sends and closes hold {@link #sendLock}, so no send uses a closed one. */
    private volatile Open handle;
    private final Object sendLock = new Object();
    private volatile boolean closing;
    private volatile int realtimePriority;
    private final AtomicLong listenerErrors = new AtomicLong();
    private final FrameWait wait;

    /** pcap4j's handle, its pcap_t, and the descriptor to poll. */
    private record Open(PcapHandle pcap4j, long pcap, int fd) {
    }

    private PcapTransport(String interfaceName, String filter, FrameListener listener, Open handle,
            FrameWait wait) {
        this.interfaceName = interfaceName;
        this.filter = filter;
        this.listener = listener;
        this.handle = handle;
        this.wait = wait;
        this.thread = new Thread(this::receive, "pcap-" + interfaceName);
        this.thread.setDaemon(true);
    }

    /** Opens the interface; receiving starts with {@link #start()}. */
    public static PcapTransport open(String interfaceName, String filter, FrameListener listener)
            throws TransportException {
        Open handle = openHandle(interfaceName, filter);
        FrameWait wait;
        try {
            wait = FrameWait.open();
        } catch (TransportException e) {
            handle.pcap4j.close();
            throw e;
        }
        return new PcapTransport(interfaceName, filter, listener, handle, wait);
    }

    public void start() {
        thread.start();
    }

    /** Before {@link #start()}: the capture thread runs at this SCHED_RR priority (0: ordinary). */
    public void realtimePriority(int priority) {
        this.realtimePriority = priority;
    }

    /** The interface's MTU in this network namespace (an ioctl, not /sys, which may show another), or -1. */
    private static int mtu(String interfaceName) {
        try {
            java.net.NetworkInterface nic = java.net.NetworkInterface.getByName(interfaceName);
            return nic == null ? -1 : nic.getMTU();
        } catch (java.net.SocketException e) {
            return -1;
        }
    }

    private static Open openHandle(String interfaceName, String filter) throws TransportException {
        PcapHandle h;
        try {
            int snaplen = CaptureSize.snaplen(mtu(interfaceName));
            h = new PcapHandle.Builder(interfaceName)
                    .snaplen(snaplen)
                    .bufferSize(CaptureSize.bufferBytes(snaplen))
                    .promiscuousMode(PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                    // The capture is non-blocking and waits in FrameWait's poll (no timeout, woken on close), so
                    // libpcap's own read timeout is not used; set as a blocking read would want it all the same.
                    .timeoutMillis(ReadTimeout.millisFor(Pcaps.libVersion()))
                    .immediateMode(true)
                    .build();
        } catch (PcapNativeException e) {
            throw new TransportException(explain(interfaceName, e.getMessage()), e);
        } catch (LinkageError e) {
            throw new TransportException(LibpcapCheck.MISSING, e);
        }
        try {
            h.setFilter(filter, BpfProgram.BpfCompileMode.OPTIMIZE);
            // Our own frames would come back to us otherwise (packet sockets see outgoing frames too).
            h.setDirection(PcapHandle.PcapDirection.IN);
            // A read that finds the ring empty returns at once: the round ends there, and FrameWait waits.
            h.setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
        } catch (PcapNativeException | NotOpenException e) {
            h.close();
            throw new TransportException("cannot set up capture on " + interfaceName + ": " + e.getMessage(), e);
        }
        try {
            PcapCalls.bind();
            NativeMemory.bind();
            long pcap = Pointer.nativeValue((Pointer) PCAP_T.get(h));
            int fd = PcapCalls.pcap_get_selectable_fd(pcap);
            if (fd < 0) {
                throw new IllegalStateException("libpcap gives no descriptor to poll");
            }
            return new Open(h, pcap, fd);
        } catch (IllegalAccessException | RuntimeException | LinkageError e) {
            h.close();
            throw new TransportException("cannot use pcap4j's handle on " + interfaceName + ": " + e, e);
        }
    }

    /** pcap4j keeps its pcap_t private; the tests pin the pcap4j version this field is read from. */
    private static final Field PCAP_T = pcapField();

    private static Field pcapField() {
        try {
            Field f = PcapHandle.class.getDeclaredField("handle");
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("this pcap4j has no PcapHandle.handle: pin pcap4j 1.8.2", e);
        }
    }

    static String explain(String interfaceName, String pcapMessage) {
        String m = pcapMessage == null ? "" : pcapMessage;
        if (m.contains("Operation not permitted") || m.contains("permission")) {
            return "cannot capture on " + interfaceName + ": missing capability CAP_NET_RAW (run as root or grant "
                    + "AmbientCapabilities=CAP_NET_RAW)";
        }
        if (m.contains("No such device") || m.contains("doesn't exist")) {
            return "interface " + interfaceName + " does not exist";
        }
        return "cannot capture on " + interfaceName + ": " + m;
    }

    private void receive() {
        String problem = Realtime.applyToCurrentThread(realtimePriority);
        if (problem != null) {
            log.warn("{}", problem);
        }
        long backoffMs = 50;
        // Made once: pcap_next_ex's two out-pointers, the pcap_pkthdr (struct timeval, caplen, len: 24 bytes
        // on a 64-bit ABI), the frame, the wall clock, the view that reads native memory.
        long[] header = new long[1];
        long[] data = new long[1];
        byte[] pkthdr = new byte[PKTHDR];
        byte[] frame = new byte[CaptureSize.SNAPLEN];
        long[] clock = new long[2];
        NativeView view = new NativeView();
        BurstGather gather = new BurstGather();
        boolean waited = false; // the next frame is the first after a wait in poll
        boolean pause = false;
        int round = 0; // frames read since the last roundEnd
        int netdownPolls = 0; // short waits left after an error indication
        while (!closing) {
            Open h = handle;
            if (h != null) {
                int rc = PcapCalls.pcap_next_ex(h.pcap, header, data);
                if (rc == 1) {
                    view.at(header[0]).read(0, pkthdr, 0, PKTHDR);
                    int length = Math.min(NativeMemory.int32(pkthdr, 16), CaptureSize.SNAPLEN);
                    view.at(data[0]).read(0, frame, 0, length);
                    long receivedAt = ReceiveTime.of(NativeMemory.long64(pkthdr, 0), NativeMemory.long64(pkthdr, 8),
                            clock);
                    deliver(frame, length, receivedAt);
                    pause |= gather.pauseAfter(waited, receivedAt);
                    waited = false;
                    netdownPolls = 0;
                    backoffMs = 50;
                    if (++round == ROUND_MAX) {
                        round = endRound();
                    }
                    continue;
                }
                if (round > 0) { // the ring is empty (or the capture failed): what was read goes on now
                    round = endRound();
                }
                if (rc == 0) {
                    if (pause) { // the rest of a burst, in one round, without waiting in poll for each frame
                        pause = false;
                        LockSupport.parkNanos(BurstGather.PAUSE_NANOS);
                    } else {
                        boolean soon = netdownPolls > 0;
                        int revents = wait.await(h.fd, soon ? NETDOWN_POLL_MS : IDLE_POLL_MS);
                        netdownPolls = (revents & ~FrameWait.POLLIN) != 0 ? NETDOWN_POLLS
                                : Math.max(0, netdownPolls - 1);
                        waited = true;
                    }
                    continue;
                }
                if (rc == PcapCalls.PCAP_ERROR_BREAK) {
                    continue; // breakLoop: closing
                }
                if (!closing) {
                    log.warn("capture on {} failed: {}; reopening", interfaceName, PcapCalls.pcap_geterr(h.pcap));
                    synchronized (sendLock) {
                        handle = null;
                        h.pcap4j.close();
                    }
                }
            }
            if (closing) {
                return;
            }
            if (handle == null) {
                sleepQuietly(backoffMs);
                backoffMs = Math.min(1000, backoffMs * 2);
                try {
                    Open reopened = openHandle(interfaceName, filter);
                    synchronized (sendLock) {
                        handle = reopened;
                    }
                    log.info("capture on {} reopened", interfaceName);
                } catch (TransportException e) {
                    log.debug("reopen of {} failed: {}", interfaceName, e.getMessage());
                }
            }
        }
    }

    /** The listener is told the frames so far are a round; returns the new round's count, 0. */
    private int endRound() {
        try {
            listener.roundEnd();
        } catch (RuntimeException e) {
            listenerFailed(e);
        }
        return 0;
    }

    /** A listener's bug is logged, not allowed to end the capture. */
    private void deliver(byte[] frame, int length, long receivedAt) {
        try {
            listener.frame(frame, length, receivedAt);
        } catch (RuntimeException e) {
            listenerFailed(e);
        }
    }

    private void listenerFailed(RuntimeException e) {
        long n = listenerErrors.incrementAndGet();
        if (Long.bitCount(n) == 1) {
            log.error("frame handling on {} failed ({} so far)", interfaceName, n, e);
        }
    }

    /** Replaces the capture filter (a reload added a unicast instance, which needs ARP too). */
    public void filter(String newFilter) throws TransportException {
        Open h = handle;
        if (h == null || newFilter.equals(filter)) {
            return;
        }
        try {
            h.pcap4j.setFilter(newFilter, BpfProgram.BpfCompileMode.OPTIMIZE);
            filter = newFilter;
        } catch (PcapNativeException | NotOpenException e) {
            throw new TransportException("cannot set the capture filter on " + interfaceName + ": " + e.getMessage(), e);
        }
    }

    /** Sends one frame; a failure is counted and logged once per burst, never thrown at the caller. */
    public boolean send(byte[] frame) {
        synchronized (sendLock) {
            Open h = handle;
            if (h == null) {
                sendErrors.incrementAndGet();
                return false;
            }
            if (PcapCalls.pcap_sendpacket(h.pcap, frame, frame.length) == 0) {
                return true;
            }
            long n = sendErrors.incrementAndGet();
            if (Long.bitCount(n) == 1) { // 1, 2, 4, 8 ...: rate-limited
                log.warn("send on {} failed ({} so far): {}", interfaceName, n, PcapCalls.pcap_geterr(h.pcap));
            }
            return false;
        }
    }

    /** Whether the capture thread still runs (tests: close() must end it, not leave it in a blocked read). */
    boolean capturing() {
        return thread.isAlive();
    }

    public long sendErrors() {
        return sendErrors.get();
    }

    /** The capture thread may be waiting in poll: wake it, join, then close. */
    @Override
    public void close() {
        closing = true;
        wait.wake();
        Open h = handle;
        if (h != null) {
            try {
                h.pcap4j.breakLoop();
            } catch (NotOpenException ignored) {
                // already closed
            }
        }
        if (thread.isAlive()) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (sendLock) {
            h = handle;
            handle = null;
            if (h != null) {
                h.pcap4j.close();
            }
        }
        if (!thread.isAlive()) { // else it may still poll it: left open rather than closed under it
            wait.close();
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
