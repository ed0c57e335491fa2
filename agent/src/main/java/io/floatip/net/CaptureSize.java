package io.floatip.net;

/** How much of each frame the capture keeps, and how large its ring is: both follow the link's MTU. */
final class CaptureSize {
    /**
     * The largest valid VRRP frame: Ethernet with a VLAN tag (18) + IPv6 (40) + VRRP (8) + 255 IPv6 addresses
     * (4080) = 4146 bytes. In immediate mode libpcap gives every frame a ring slot of snaplen bytes, so 65535
     * would leave room for only ~32 frames in the ring and a burst would be lost; a longer frame is cut and
     * then dropped as TRUNCATED, which is what it is.
     */
    static final int SNAPLEN = 4200;
    /**
     * A burst of frames waits here while the capture thread catches up (the ring is resident memory). With the
     * snaplen cut to a 1500-byte link's frame (below) a slot is ~1.6 KB and the ring holds ~330 frames: a
     * keepalived master sends all 255 instances' adverts in one burst. At 4200 it holds 64 (an 8 KiB slot each).
     */
    private static final int BUFFER_BYTES = 512 * 1024;
    /**
     * A snaplen above 2 KiB (a jumbo link) takes an 8 KiB slot a frame, and 512 KiB would hold 64: a floatip
     * master's burst carries up to 128 adverts (255 instances on two grids, {@code Timers.PHASES}), so such a
     * link's ring is 2 MiB (256 frames). Standard links keep 512 KiB, which is resident memory.
     */
    private static final int JUMBO_BUFFER_BYTES = 2 * 1024 * 1024;
    /** Ethernet header with a VLAN tag: what a frame adds to the interface's MTU. */
    private static final int LINK_HEADER = 18;

    private CaptureSize() {
    }

    /**
     * The longest frame the link can carry, at most {@link #SNAPLEN}: no advert is longer than the MTU (a fragment
     * is dropped anyway), and a smaller snaplen means smaller ring slots, so more frames of a burst fit.
     * {@code mtu <= 0} (unknown) gives the full {@link #SNAPLEN}.
     */
    static int snaplen(int mtu) {
        return mtu <= 0 ? SNAPLEN : Math.min(SNAPLEN, mtu + LINK_HEADER);
    }

    /** The ring's size for this snaplen: room for two of a master's bursts, whatever the slot. */
    static int bufferBytes(int snaplen) {
        return snaplen > 2048 ? JUMBO_BUFFER_BYTES : BUFFER_BYTES;
    }
}
