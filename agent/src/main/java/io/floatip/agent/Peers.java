package io.floatip.agent;

import io.floatip.base.AddressText;
import io.floatip.config.UnicastPeer;
import io.floatip.protocol.ArpCodec;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An instance's unicast peers and their MACs. A MAC is learned from the Ethernet source of the peer's own
 * adverts and from its ARP traffic (we ask with ARP requests of our own), so a peer whose MAC changes is
 * followed without waiting for a cache to expire. Until a peer's MAC is known, adverts to it go to the
 * Ethernet broadcast address: the peer's IP layer still takes them, only its NIC filter is bypassed.
 */
final class Peers {
    private static final Logger log = LoggerFactory.getLogger("floatip");

    private final String instance;
    private final List<UnicastPeer> peers;
    private final ConcurrentHashMap<InetAddress, byte[]> macs = new ConcurrentHashMap<>();

    Peers(String instance, List<UnicastPeer> peers) {
        this.instance = instance;
        this.peers = List.copyOf(peers);
    }

    List<UnicastPeer> all() {
        return peers;
    }

    /** The configured peer with this address, or null. */
    UnicastPeer find(InetAddress address) {
        for (UnicastPeer p : peers) {
            if (p.address().equals(address)) {
                return p;
            }
        }
        return null;
    }

    /** Any thread: {@code frame[macOffset, macOffset + 6)} is {@code address}'s MAC, if it is one of ours. */
    void learn(InetAddress address, byte[] frame, int macOffset) {
        if (find(address) == null) {
            return;
        }
        byte[] known = macs.get(address);
        if (known != null && Arrays.equals(known, 0, 6, frame, macOffset, macOffset + 6)) {
            return;
        }
        byte[] mac = Arrays.copyOfRange(frame, macOffset, macOffset + 6);
        macs.put(address, mac);
        log.info("{}: unicast peer {} is at {}{}", instance, AddressText.format(address), format(mac),
                known == null ? "" : " (was " + format(known) + ")");
    }

    /** The peer's MAC, or broadcast while it is unknown. */
    byte[] macOf(Inet4Address address) {
        byte[] mac = macs.get(address);
        return mac != null ? mac : ArpCodec.BROADCAST;
    }

    boolean allResolved() {
        return macs.size() == peers.size();
    }

    static String format(byte[] mac) {
        return HexFormat.ofDelimiter(":").formatHex(mac);
    }
}
