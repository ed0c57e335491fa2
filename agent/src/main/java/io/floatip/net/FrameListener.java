package io.floatip.net;

/** Receives raw Ethernet frames on the transport's capture thread, in read rounds. Must not block. */
@FunctionalInterface
public interface FrameListener {
    /**
     * @param frame      the frame is {@code frame[0, length)}; the array is the capture's own, reused for the next
     *                   frame: copy what must outlive the call
     * @param receivedAt when the kernel received the frame, on the System.nanoTime clock (see ReceiveTime):
     *                   VRRP's timers run from an advert's arrival, not from when a thread got round to it
     */
    void frame(byte[] frame, int length, long receivedAt);

    /**
     * The frames given since the last call are all the ring held (or {@code PcapTransport.ROUND_MAX} of them):
     * the capture is about to wait or pause. What was gathered from them goes on now, in one hand-over.
     */
    default void roundEnd() {
    }
}
