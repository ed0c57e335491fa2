package io.floatip.agent;

import io.floatip.protocol.AuthType;
import io.floatip.protocol.VrrpCodec;
import io.floatip.protocol.VrrpPacket;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * The frame of one kind of advert (one destination), kept between sends. A master sends the same advert every
 * interval with only the IPv4 identification (and so the header checksum) changed, so the frame is built once
 * and patched after: the steady state allocates nothing. Anything else that differs from the last build (the
 * priority, the interval after a reload, the addresses, a MAC) builds it anew. Callers serialise sends.
 */
final class AdvertFrame {
    private int version = -1;
    private int vrid;
    private int priority;
    private int advertInterval;
    private List<InetAddress> addresses;
    private AuthType authType;
    private byte[] authData;
    private InetAddress source;
    private InetAddress destination;
    private final byte[] sourceMac = new byte[6];
    private final byte[] destinationMac = new byte[6];
    private byte[] frame;
    /** Frames built, as against reused: a test's way to see the cache work. */
    private long builds;

    /** The frame to send: the last one with {@code ipId} patched in, or a new one if anything else changed. */
    byte[] frame(int version, int vrid, int priority, int advertInterval, List<InetAddress> addresses,
                 AuthType authType, byte[] authData, InetAddress source, InetAddress destination,
                 byte[] sourceMac, byte[] destinationMac, int ipId) {
        if (frame == null || version != this.version || vrid != this.vrid || priority != this.priority
                || advertInterval != this.advertInterval || addresses != this.addresses || authType != this.authType
                || authData != this.authData || !source.equals(this.source) || !destination.equals(this.destination)
                || !Arrays.equals(sourceMac, this.sourceMac) || !Arrays.equals(destinationMac, this.destinationMac)) {
            VrrpPacket p = new VrrpPacket(version, vrid, priority, advertInterval, addresses, authType, authData,
                    source, destination, VrrpPacket.TTL);
            frame = VrrpCodec.encodeFrame(p, sourceMac, destinationMac, ipId);
            this.version = version;
            this.vrid = vrid;
            this.priority = priority;
            this.advertInterval = advertInterval;
            this.addresses = addresses;
            this.authType = authType;
            this.authData = authData;
            this.source = source;
            this.destination = destination;
            System.arraycopy(sourceMac, 0, this.sourceMac, 0, 6);
            System.arraycopy(destinationMac, 0, this.destinationMac, 0, 6);
            builds++;
            return frame;
        }
        VrrpCodec.setIdentification(frame, ipId);
        return frame;
    }

    long builds() {
        return builds;
    }
}
