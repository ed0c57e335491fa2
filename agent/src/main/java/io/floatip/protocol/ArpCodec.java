package io.floatip.protocol;

import java.net.Inet4Address;

/** Gratuitous ARP (RFC 5227 3 / RFC 9568 8.1.2), built as keepalived sends it: a broadcast request. */
public final class ArpCodec {
    public static final int ETHERTYPE_ARP = 0x0806;
    public static final int FRAME_LENGTH = 42;
    public static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};

    private ArpCodec() {
    }

    /** An ordinary broadcast request: who has {@code target}? tell {@code senderIp} at {@code mac}. */
    public static byte[] request(byte[] mac, Inet4Address senderIp, Inet4Address target) {
        byte[] f = header(mac, 1);
        System.arraycopy(senderIp.getAddress(), 0, f, 28, 4);
        // target hardware address stays zero: unknown, which is what we ask
        System.arraycopy(target.getAddress(), 0, f, 38, 4);
        return f;
    }

    /**
     * The sender protocol address of an Ethernet/IPv4 ARP frame (request or reply), or null if the frame is
     * not one. Its sender hardware address is at {@link #SENDER_MAC_OFFSET}.
     */
    public static Inet4Address senderIp(byte[] f, int length) {
        if (length < FRAME_LENGTH || BigEndian.u16(f, 12) != ETHERTYPE_ARP || BigEndian.u16(f, 14) != 1
                || BigEndian.u16(f, 16) != 0x0800 || f[18] != 6 || f[19] != 4) {
            return null;
        }
        return Ip.ipv4(f, 28);
    }

    public static final int SENDER_MAC_OFFSET = 22;

    private static byte[] header(byte[] mac, int operation) {
        byte[] f = new byte[FRAME_LENGTH];
        System.arraycopy(BROADCAST, 0, f, 0, 6);
        System.arraycopy(mac, 0, f, 6, 6);
        BigEndian.put16(f, 12, ETHERTYPE_ARP);
        BigEndian.put16(f, 14, 1);          // hardware type: Ethernet
        BigEndian.put16(f, 16, 0x0800);     // protocol type: IPv4
        f[18] = 6;                          // hardware address length
        f[19] = 4;                          // protocol address length
        BigEndian.put16(f, 20, operation);  // 1 request, 2 reply
        System.arraycopy(mac, 0, f, 22, 6);
        return f;
    }

    /**
     * A request with sender and target protocol address both the VIP, so every host on the segment that has an
     * entry for the VIP updates it to {@code mac}. Sent from the interface's own MAC: without a macvlan carrying
     * the virtual MAC, pointing clients at the virtual MAC would black-hole them.
     */
    public static byte[] gratuitousRequest(byte[] mac, Inet4Address vip) {
        byte[] f = header(mac, 1);
        System.arraycopy(vip.getAddress(), 0, f, 28, 4);
        System.arraycopy(BROADCAST, 0, f, 32, 6); // keepalived fills the target MAC with ff:ff:..., not zeros
        System.arraycopy(vip.getAddress(), 0, f, 38, 4);
        return f;
    }
}
