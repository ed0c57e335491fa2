package io.floatip.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The proxy mode's pure parts: reading tcpdump's advert lines, and keepalived's check config. */
class ProxyPartsTest {

    @Test
    void anAdvertLineGivesItsStampSourceAndPriority() {
        AdvertLog.Advert a = AdvertLog.parse("1765029498.123456 IP 198.51.100.11 > 224.0.0.18: VRRPv3, Advertisement,"
                + " vrid 51, prio 90, intvl 10cs, length 12");
        assertEquals(new AdvertLog.Advert(1765029498_123456L, "198.51.100.11", 90), a);
        assertEquals(0, AdvertLog.parse("1765029498.000001 IP 198.51.100.12 > 224.0.0.18: VRRPv3, Advertisement, "
                + "vrid 51, prio 0, intvl 1cs, length 12").priority());
    }

    @Test
    void linesThatAreNotAdvertsAreLeftOut() {
        assertNull(AdvertLog.parse("listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes"));
        assertNull(AdvertLog.parse("1765029498.123456 IP 198.51.100.11 > 224.0.0.18: VRRPv3, Advertisement, vrid 51,"
                + " prio , intvl 10cs"));
        assertNull(AdvertLog.parse("12:00:01.5 IP 198.51.100.11 > 224.0.0.18: VRRPv3, Advertisement, prio 150"));
    }

    @Test
    void keepalivedsCheckFollowsThePidFileEverySecondFallOneWeightZero() {
        String text = ProxyConfigs.keepalivedScript(150, 10, Path.of("/w/proxy-alive.sh"),
                Path.of("/w/haproxy-n1.pid"));
        assertTrue(text.contains("script \"/w/proxy-alive.sh /w/haproxy-n1.pid\""), text);
        assertTrue(text.contains("interval 1\n") && text.contains("fall 1\n") && text.contains("weight 0\n"), text);
        assertTrue(text.indexOf("track_script") > text.indexOf("vrrp_instance VI_1"), text);
        assertTrue(text.indexOf("enable_script_security") < text.indexOf("vrrp_script"), text);
        assertTrue(ProxyConfigs.ALIVE_SCRIPT.contains("kill -0 \"$pid\""));
    }
}
