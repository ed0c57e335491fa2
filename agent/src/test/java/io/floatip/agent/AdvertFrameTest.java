package io.floatip.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.protocol.AuthType;
import io.floatip.protocol.Decoded;
import io.floatip.protocol.Ethernet;
import io.floatip.protocol.Ip;
import io.floatip.protocol.VrrpCodec;
import io.floatip.protocol.VrrpPacket;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdvertFrameTest {
    private static final byte[] MAC = {2, 0, 0, 0, 0, 1};
    private static final byte[] OTHER_MAC = {2, 0, 0, 0, 0, 2};
    private static final InetAddress SOURCE = Ip.ipv4(198, 51, 100, 11);
    private static final List<InetAddress> VIPS = List.of(Ip.ipv4(198, 51, 100, 100));
    private static final InetAddress SOURCE_V6 = Ip.ipv6(0xfe80, 0, 0, 0, 0, 0, 0, 1);
    private static final List<InetAddress> VIPS_V6 = List.of(Ip.ipv6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0x100));

    private static byte[] fresh(int priority, int interval, List<InetAddress> vips, InetAddress source,
                                InetAddress group, byte[] mac, int ipId) {
        VrrpPacket p = new VrrpPacket(3, 51, priority, interval, vips, AuthType.NONE, new byte[0], source, group,
                VrrpPacket.TTL);
        return VrrpCodec.encodeFrame(p, mac, Ethernet.multicastMac(group), ipId);
    }

    private static byte[] cached(AdvertFrame f, int priority, int interval, List<InetAddress> vips,
                                 InetAddress source, InetAddress group, byte[] mac, int ipId) {
        return f.frame(3, 51, priority, interval, vips, AuthType.NONE, NO_AUTH, source, group, mac,
                Ethernet.multicastMac(group), ipId).clone();
    }

    private static final byte[] NO_AUTH = new byte[0];

    @Test
    void aResentAdvertIsTheFrameAFreshEncodeWouldGiveWithItsOwnIdentificationAndChecksum() {
        AdvertFrame f = new AdvertFrame();
        for (int id : new int[]{1, 2, 3, 0xfffe, 0xffff, 0, 77}) {
            byte[] frame = cached(f, 150, 10, VIPS, SOURCE, VrrpCodec.MULTICAST_GROUP, MAC, id);
            assertArrayEquals(fresh(150, 10, VIPS, SOURCE, VrrpCodec.MULTICAST_GROUP, MAC, id), frame, "id " + id);
            assertTrue(VrrpCodec.decodeFrame(frame, frame.length, true) instanceof Decoded.Accepted,
                    "a patched frame must still verify");
        }
        assertEquals(1, f.builds(), "built once, patched after");
    }

    @Test
    void anythingElseThatChangesBuildsTheFrameAnew() {
        AdvertFrame f = new AdvertFrame();
        cached(f, 150, 10, VIPS, SOURCE, VrrpCodec.MULTICAST_GROUP, MAC, 1);
        assertArrayEquals(fresh(0, 10, VIPS, SOURCE, VrrpCodec.MULTICAST_GROUP, MAC, 2),
                cached(f, 0, 10, VIPS, SOURCE, VrrpCodec.MULTICAST_GROUP, MAC, 2), "priority 0 on a stop");
        assertArrayEquals(fresh(0, 100, VIPS, SOURCE, VrrpCodec.MULTICAST_GROUP, MAC, 3),
                cached(f, 0, 100, VIPS, SOURCE, VrrpCodec.MULTICAST_GROUP, MAC, 3), "a reloaded interval");
        List<InetAddress> more = List.of(VIPS.get(0), Ip.ipv4(198, 51, 100, 101));
        assertArrayEquals(fresh(0, 100, more, SOURCE, VrrpCodec.MULTICAST_GROUP, MAC, 4),
                cached(f, 0, 100, more, SOURCE, VrrpCodec.MULTICAST_GROUP, MAC, 4), "reloaded addresses");
        assertArrayEquals(fresh(0, 100, more, SOURCE, VrrpCodec.MULTICAST_GROUP, OTHER_MAC, 5),
                cached(f, 0, 100, more, SOURCE, VrrpCodec.MULTICAST_GROUP, OTHER_MAC, 5), "a new MAC");
        assertEquals(5, f.builds());
    }

    @Test
    void anIpv6AdvertIsResentUnchanged() {
        AdvertFrame f = new AdvertFrame();
        byte[] first = cached(f, 150, 10, VIPS_V6, SOURCE_V6, VrrpCodec.MULTICAST_GROUP_V6, MAC, 1);
        byte[] second = cached(f, 150, 10, VIPS_V6, SOURCE_V6, VrrpCodec.MULTICAST_GROUP_V6, MAC, 2);
        assertArrayEquals(first, second);
        assertArrayEquals(fresh(150, 10, VIPS_V6, SOURCE_V6, VrrpCodec.MULTICAST_GROUP_V6, MAC, 0), second);
        assertEquals(1, f.builds());
    }

    @Test
    void resendingAllocatesNothing() {
        AdvertFrame f = new AdvertFrame();
        byte[] groupMac = Ethernet.multicastMac(VrrpCodec.MULTICAST_GROUP);
        int[] id = {0};
        double perSend = Allocated.perRun(20_000, () -> f.frame(3, 51, 150, 10, VIPS, AuthType.NONE, NO_AUTH,
                SOURCE, VrrpCodec.MULTICAST_GROUP, MAC, groupMac, id[0]++ & 0xffff));
        assertTrue(perSend < 1, perSend + " bytes per resend");
    }
}
