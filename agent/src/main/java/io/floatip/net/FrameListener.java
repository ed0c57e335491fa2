package io.floatip.net;

/** Receives raw Ethernet frames on the transport's capture thread. Must not block. */
@FunctionalInterface
public interface FrameListener {
    void frame(byte[] frame);
}
