package io.floatip.policy;

import io.floatip.protocol.WireDrop;
import io.floatip.protocol.PolicyDrop;
import io.floatip.config.InstanceConfig;
import io.floatip.config.UnicastPeer;
import io.floatip.config.VirtualIp;
import io.floatip.protocol.AuthType;
import io.floatip.protocol.DropReason;
import io.floatip.protocol.VrrpPacket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An instance's own checks of an advert the codec accepted for its VRID (RFC 3768 7.1, RFC 9568 7.1, and
 * keepalived's unicast peer rules): version, TTL or the unicast peer and its TTL range, the VRRPv2 password
 * and interval; and what is only worth a log line (a v3 master's other interval, another VIP list). Runs on
 * the capture thread and allocates nothing. Its settings are fixed: a reload builds a new one with
 * {@link #reconfigured}, which keeps the log's memory.
 */
public final class AdvertCheck {
    /** What the checks found, told as they find it (capture thread). */
    public interface Sink {
        /** The advert is refused for {@code reason}; nothing else is called for it. */
        void dropped(DropReason reason, VrrpPacket p);

        /** A v3 advert with an interval other than ours, and other than the last one told: we follow it. */
        void followsInterval(VrrpPacket p, int ourIntervalCentis);

        /** The advert's VIP list differs from ours (counted, never dropped); {@code log}: a list not told before. */
        void addressMismatch(VrrpPacket p, List<InetAddress> ours, boolean log);
    }

    private final int version;
    private final int intervalCentis;
    /** Null in multicast mode. */
    private final List<UnicastPeer> peers;
    private final AuthType authType;
    private final byte[] authData;
    private final List<InetAddress> addresses;
    private final Set<InetAddress> addressSet;
    /** Sources outside unicast_peers whose adverts we take to heal a split brain (see ConflictWatch). */
    private volatile InetAddress[] adopted = new InetAddress[0];
    private volatile int lastLoggedInterval;
    private volatile List<InetAddress> lastMismatchedAddresses;
    private final boolean skipCheckAdvAddr;
    /** The sender of the last advert whose addresses were compared (skip_check_adv_addr). */
    private volatile InetAddress lastChecked;

    public AdvertCheck(InstanceConfig config) {
        this.version = config.version();
        this.intervalCentis = config.advertIntervalCentis();
        this.peers = config.unicast() ? List.copyOf(config.unicastPeers()) : null;
        this.authType = config.authPassword() != null ? AuthType.PASS : AuthType.NONE;
        this.authData = passwordBytes(config.authPassword());
        this.addresses = addresses(config);
        this.addressSet = Set.copyOf(addresses);
        this.skipCheckAdvAddr = config.skipCheckAdvAddr();
    }

    /** The same checks for a reloaded config, remembering what was last logged. */
    public AdvertCheck reconfigured(InstanceConfig next) {
        AdvertCheck c = new AdvertCheck(next);
        c.lastLoggedInterval = lastLoggedInterval;
        c.lastMismatchedAddresses = lastMismatchedAddresses;
        c.adopted = adopted;
        c.lastChecked = lastChecked;
        return c;
    }

    /** Whether the advert goes on to the router; anything refused or worth a line is told to {@code sink}. */
    public boolean accept(VrrpPacket p, Sink sink) {
        if (p.version() != version) {
            sink.dropped(PolicyDrop.VERSION_MISMATCH, p);
            return false;
        }
        if (peers == null) {
            if (p.ttl() != VrrpPacket.TTL) {
                sink.dropped(WireDrop.TTL_NOT_255, p);
                return false;
            }
        } else {
            UnicastPeer peer = find(peers, p.source());
            if (peer == null && !adopted(p.source())) {
                sink.dropped(PolicyDrop.UNKNOWN_PEER, p);
                return false;
            }
            if (peer == null ? p.ttl() != VrrpPacket.TTL : !peer.acceptsTtl(p.ttl())) {
                sink.dropped(PolicyDrop.TTL_OUT_OF_RANGE, p);
                return false;
            }
        }
        if (p.version() == 2) {
            if (p.authType() != authType || !p.authDataEquals(authData)) {
                sink.dropped(PolicyDrop.AUTH_MISMATCH, p);
                return false;
            }
            // RFC 3768 7.1: an advert with another interval is dropped (keepalived agrees).
            if (p.advertInterval() != intervalCentis) {
                sink.dropped(PolicyDrop.INTERVAL_MISMATCH, p);
                return false;
            }
        } else if (p.advertInterval() != intervalCentis && p.advertInterval() != lastLoggedInterval) {
            lastLoggedInterval = p.advertInterval();
            sink.followsInterval(p, intervalCentis);
        }
        // keepalived's vrrp.c vrrp_state_backup checks a new master's first advert even with the skip.
        if (skipCheckAdvAddr && p.source().equals(lastChecked)) {
            return true;
        }
        lastChecked = p.source();
        if (!sameAddresses(p.addresses())) {
            boolean fresh = !p.addresses().equals(lastMismatchedAddresses);
            if (fresh) {
                lastMismatchedAddresses = p.addresses();
            }
            sink.addressMismatch(p, addresses, fresh);
        }
        return true;
    }

    /**
     * Loop thread: take adverts from {@code source} too, though it is not in unicast_peers: the other holder of
     * a split brain whose list has us, so the election can settle it (TTL 255 only, as on a shared segment).
     */
    public void adopt(InetAddress source) {
        InetAddress[] now = adopted;
        for (InetAddress a : now) {
            if (a.equals(source)) {
                return;
            }
        }
        InetAddress[] grown = java.util.Arrays.copyOf(now, now.length + 1);
        grown[now.length] = source;
        adopted = grown;
    }

    private boolean adopted(InetAddress source) {
        InetAddress[] a = adopted;
        for (int i = 0; i < a.length; i++) {
            if (a[i].equals(source)) {
                return true;
            }
        }
        return false;
    }

    /** The configured peer with this address, or null. Indexed: no iterator on the capture thread. */
    public static UnicastPeer find(List<UnicastPeer> peers, InetAddress address) {
        for (int i = 0; i < peers.size(); i++) {
            if (peers.get(i).address().equals(address)) {
                return peers.get(i);
            }
        }
        return null;
    }

    private boolean sameAddresses(List<InetAddress> theirs) {
        if (theirs.size() != addresses.size()) {
            return false;
        }
        for (int i = 0; i < theirs.size(); i++) {
            if (!addressSet.contains(theirs.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** RFC 3768 5.3.10: the password, padded with zeros to 8 bytes (keepalived sends it so). */
    public static byte[] passwordBytes(String password) {
        byte[] data = new byte[VrrpPacket.AUTH_DATA_LENGTH];
        if (password != null) {
            byte[] p = password.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(p, 0, data, 0, Math.min(p.length, data.length));
        }
        return data;
    }

    /** The VIPs' addresses in config order, immutable. */
    public static List<InetAddress> addresses(InstanceConfig c) {
        List<InetAddress> list = new ArrayList<>();
        for (VirtualIp vip : c.virtualIps()) {
            list.add(vip.address());
        }
        return List.copyOf(list);
    }

    public AuthType authType() {
        return authType;
    }

    /** The 8 authentication bytes we send and expect (zeros for none). */
    public byte[] authData() {
        return authData;
    }
}
