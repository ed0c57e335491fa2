package io.floatip.doctor;

import io.floatip.net.LibpcapCheck;
import io.floatip.net.MulticastMembership;
import io.floatip.net.PcapTransport;
import io.floatip.net.TransportException;
import io.floatip.protocol.Decoded;
import io.floatip.protocol.VrrpCodec;
import io.floatip.protocol.VrrpPacket;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** This machine, in this network namespace. */
public final class LocalHostFacts implements HostFacts {

    @Override
    public Optional<String> read(String path) {
        try {
            return Optional.of(Files.readString(Path.of(path)).strip());
        } catch (IOException | SecurityException e) {
            // A sysfs attribute that does not apply (carrier of a down link) fails to read: the same as absent.
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> libpcapProblem() {
        return Optional.ofNullable(LibpcapCheck.problem());
    }

    @Override
    public Optional<String> joinMulticast(String iface) {
        try (MulticastMembership membership = MulticastMembership.join(VrrpCodec.MULTICAST_GROUP, iface)) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    @Override
    public List<String> ipv4Addresses(String iface) {
        try {
            NetworkInterface nif = NetworkInterface.getByName(iface);
            if (nif == null) {
                return List.of();
            }
            return nif.getInterfaceAddresses().stream().filter(a -> a.getAddress() instanceof Inet4Address)
                    .map(a -> a.getAddress().getHostAddress() + "/" + a.getNetworkPrefixLength()).toList();
        } catch (SocketException e) {
            return List.of();
        }
    }

    @Override
    public Listening listen(Collection<String> ifaces, Duration time) {
        Map<String, List<Advert>> heard = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> undecoded = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        List<PcapTransport> open = new ArrayList<>();
        List<MulticastMembership> joined = new ArrayList<>();
        try {
            for (String iface : ifaces) {
                List<Advert> adverts = new CopyOnWriteArrayList<>();
                Map<String, Integer> drops = new ConcurrentHashMap<>();
                try {
                    // TTL is reported, not required: a peer behind a router is worth naming, not hiding.
                    PcapTransport transport = PcapTransport.open(iface, "ip proto 112", (frame, length, receivedAt) -> {
                        Decoded decoded = VrrpCodec.decodeFrame(frame, length, false);
                        if (decoded instanceof Decoded.Accepted accepted) {
                            adverts.add(advert(accepted.packet()));
                        } else if (decoded instanceof Decoded.Dropped dropped) {
                            drops.merge(dropped.reason().name(), 1, Integer::sum);
                        }
                    });
                    open.add(transport);
                    transport.start();
                } catch (TransportException e) {
                    errors.put(iface, e.getMessage());
                    continue;
                }
                // As the agent does: a NIC that filters multicast by group passes 224.0.0.18 only when joined.
                try {
                    joined.add(MulticastMembership.join(VrrpCodec.MULTICAST_GROUP, iface));
                } catch (IOException | RuntimeException e) {
                    // The multicast line reports this; unicast adverts are heard anyway.
                }
                heard.put(iface, adverts);
                undecoded.put(iface, drops);
            }
            sleep(time);
        } finally {
            open.forEach(PcapTransport::close);
            joined.forEach(MulticastMembership::close);
        }
        Map<String, List<Advert>> heardCopy = new LinkedHashMap<>();
        heard.forEach((k, v) -> heardCopy.put(k, List.copyOf(v)));
        Map<String, Map<String, Integer>> undecodedCopy = new LinkedHashMap<>();
        undecoded.forEach((k, v) -> undecodedCopy.put(k, Map.copyOf(v)));
        return new Listening(heardCopy, undecodedCopy, errors);
    }

    static Advert advert(VrrpPacket p) {
        return new Advert(p.source().getHostAddress(), p.vrid(), p.priority(), p.version(), p.advertInterval(),
                p.addresses().stream().map(java.net.InetAddress::getHostAddress).toList(), p.ttl());
    }

    private static void sleep(Duration time) {
        try {
            Thread.sleep(time.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
