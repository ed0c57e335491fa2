package io.floatip.agent;

import io.floatip.config.InstanceConfig;
import io.floatip.config.VirtualIp;
import io.floatip.policy.Claim;
import io.floatip.protocol.ArpCodec;
import io.floatip.protocol.Decoded;
import io.floatip.protocol.DropCounters;
import io.floatip.protocol.DropReason;
import io.floatip.protocol.NdpCodec;
import io.floatip.protocol.VrrpCodec;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The pure half of a takeover and of an advert's receipt, run once at start with nothing sent or changed: the
 * JVM links code the first time it runs it, milliseconds that would otherwise fall inside the first failover.
 * Each method returns a number computed from the work, so that the work is not optimised away.
 */
final class TakeoverWarmup {
    private TakeoverWarmup() {
    }

    /** The VIPs' records (hashCode, equals, toString), their announcement frames, a claim, the drop line. */
    static long prime(InstanceConfig config, byte[] mac, DropCounters drops) {
        long primed = 0;
        Set<VirtualIp> scratch = new HashSet<>(config.virtualIps());
        for (VirtualIp vip : config.virtualIps()) {
            if (!scratch.contains(vip) || vip.toString().isEmpty() || !vip.equals(vip)) {
                throw new IllegalStateException("a VIP that is not equal to itself: " + vip);
            }
            InetAddress a = vip.address();
            byte[] frame = a instanceof Inet6Address v6 ? NdpCodec.unsolicitedAdvert(mac, v6, false)
                    : ArpCodec.gratuitousRequest(mac, (Inet4Address) a);
            primed += frame.length;
            primed += new Claim(vip, true, null).ok() ? 1 : 0;
        }
        Map<DropReason, Long> now = drops.snapshot();
        return primed + DroppedSince.describe(now, now).length();
    }

    /** Our own advert's frame decoded, and handed through a scratch inbox. */
    static long primeReceive(byte[] ownFrame) {
        if (VrrpCodec.decodeFrame(ownFrame, ownFrame.length, true) instanceof Decoded.Accepted accepted) {
            return AdvertReceiver.primeInbox(accepted.packet());
        }
        return 0;
    }
}
