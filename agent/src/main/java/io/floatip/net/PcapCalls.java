package io.floatip.net;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * The two libpcap calls of the steady state, bound directly (JNA's direct mapping): with only primitive and
 * primitive-array arguments a call allocates nothing on the Java heap. pcap4j's own read (a JNA callback per
 * frame, a copy of it and a timestamp object) cost ~450 bytes per frame, and its send a lock's bookkeeping,
 * ~30 bytes; at 10 ms adverts that garbage alone filled the young generation every few seconds. pcap4j still
 * opens, configures and closes the handle; these calls take its pcap_t.
 */
final class PcapCalls {
    static {
        // The library pcap4j has loaded already (JNA caches it by name), so both bind the same libpcap.
        Native.register(PcapCalls.class, NativeLibrary.getInstance("pcap"));
    }

    private PcapCalls() {
    }

    /** Binds the calls now (class initialisation), so a failure shows at open, not on the capture thread. */
    static void bind() {
        // the static initialiser did it
    }

    /**
     * pcap_next_ex(3PCAP): 1 with {@code header[0]} and {@code data[0]} pointing at the frame's pcap_pkthdr and
     * bytes (valid until the next call), 0 on the read timeout (in non-blocking mode: no frame waiting in
     * the ring), PCAP_ERROR_BREAK after pcap_breakloop,
     * PCAP_ERROR on an error.
     */
    static native int pcap_next_ex(long pcap, long[] header, long[] data);

    /** pcap_get_selectable_fd(3PCAP): the descriptor to poll for frames, or -1. */
    static native int pcap_get_selectable_fd(long pcap);

    /** pcap_sendpacket(3PCAP): 0, or PCAP_ERROR. */
    static native int pcap_sendpacket(long pcap, byte[] frame, int length);

    /** pcap_geterr(3PCAP), for the message of a failed call (not on the steady path). */
    static native String pcap_geterr(long pcap);

    static final int PCAP_ERROR = -1;
    static final int PCAP_ERROR_BREAK = -2;
}
