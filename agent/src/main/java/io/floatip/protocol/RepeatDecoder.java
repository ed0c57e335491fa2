package io.floatip.protocol;

/**
 * Decodes frames as {@link VrrpCodec#decodeFrame} does, but gives an advert that repeats the last accepted one
 * of its VRID byte for byte the packet already decoded from it. A master sends the same advert every interval
 * (over IPv4 only its identification and header checksum change), so a backup's steady state decodes nothing
 * and allocates nothing. Only the plain shapes are remembered (Ethernet, IPv4 without options or IPv6 without
 * extension headers, VRRP straight after); anything else is decoded every time. One capture thread's.
 */
public final class RepeatDecoder {
    private static final int IP = Ethernet.HEADER_LENGTH;
    private static final int V4_VRRP = IP + Ip.IPV4_HEADER;
    private static final int V6_VRRP = IP + Ip.IPV6_HEADER;
    /** IPv4 identification and header checksum: the bytes a repeated advert may change. */
    private static final int ID_AT = IP + 4;
    private static final int CHECKSUM_AT = IP + 10;

    /** By VRID, IPv4 in the first 256 slots and IPv6 in the next. */
    private final byte[][] frames = new byte[512][];
    private final int[] lengths = new int[512];
    private final boolean[] ttlRequired = new boolean[512];
    private final Decoded[] decoded = new Decoded[512];
    private long repeats;

    public Decoded decode(byte[] frame, int length, boolean requireTtl255) {
        int slot = slot(frame, length);
        if (slot >= 0 && repeats(slot, frame, length, requireTtl255)) {
            repeats++;
            return decoded[slot];
        }
        Decoded d = VrrpCodec.decodeFrame(frame, length, requireTtl255);
        if (slot >= 0 && d instanceof Decoded.Accepted) {
            if (frames[slot] == null || frames[slot].length < length) {
                frames[slot] = new byte[length];
            }
            System.arraycopy(frame, 0, frames[slot], 0, length);
            lengths[slot] = length;
            ttlRequired[slot] = requireTtl255;
            decoded[slot] = d;
        }
        return d;
    }

    /** Frames answered from memory rather than decoded. */
    public long repeats() {
        return repeats;
    }

    private static int slot(byte[] f, int length) {
        if (length < V4_VRRP + VrrpCodec.VRRP_HEADER) {
            return -1;
        }
        int etherType = BigEndian.u16(f, 12);
        if (etherType == Ethernet.ETHERTYPE_IPV4 && f[IP] == 0x45 && (f[IP + 9] & 0xff) == VrrpPacket.PROTOCOL) {
            return f[V4_VRRP + 1] & 0xff;
        }
        if (etherType == Ethernet.ETHERTYPE_IPV6 && length >= V6_VRRP + VrrpCodec.VRRP_HEADER
                && (f[IP + 6] & 0xff) == VrrpPacket.PROTOCOL) {
            return 256 + (f[V6_VRRP + 1] & 0xff);
        }
        return -1;
    }

    private boolean repeats(int slot, byte[] f, int length, boolean requireTtl255) {
        byte[] last = frames[slot];
        if (last == null || lengths[slot] != length || ttlRequired[slot] != requireTtl255) {
            return false;
        }
        boolean v4 = slot < 256;
        for (int i = 0; i < length; i++) {
            if (f[i] != last[i] && !(v4 && (i == ID_AT || i == ID_AT + 1 || i == CHECKSUM_AT || i == CHECKSUM_AT + 1))) {
                return false;
            }
        }
        // The rest of the header is the one that verified before: the new checksum must verify over it.
        return !v4 || InternetChecksum.of(f, IP, Ip.IPV4_HEADER) == 0;
    }
}
