package io.floatip.doctor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Made-up host facts: files by path, and what joining, addresses and listening return. */
public final class FakeHost implements HostFacts {

    final Map<String, String> files = new HashMap<>();
    final Map<String, String> joinErrors = new HashMap<>();
    final Map<String, List<String>> addresses = new HashMap<>();
    String libpcapProblem;
    Listening listening = new Listening(Map.of(), Map.of(), Map.of());
    final List<Collection<String>> listenedOn = new ArrayList<>();

    public FakeHost file(String path, String text) {
        files.put(path, text);
        return this;
    }

    /** An interface that is up with carrier, multicast on, and the given addresses. */
    public FakeHost iface(String name, String... ipv4) {
        file("/sys/class/net/" + name + "/operstate", "up");
        file("/sys/class/net/" + name + "/flags", "0x1003");
        file("/sys/class/net/" + name + "/carrier", "1");
        addresses.put(name, List.of(ipv4));
        return this;
    }

    /** {@code net.ipv4.conf.IF.KEY}, IF may be "all". */
    FakeHost conf(String iface, String key, int value) {
        return file("/proc/sys/net/ipv4/conf/" + iface + "/" + key, Integer.toString(value));
    }

    /** A host where every check passes for eth0, and ip_nonlocal_bind is 1. */
    public static FakeHost healthy() {
        FakeHost host = new FakeHost().iface("eth0", "198.51.100.11/24")
                .file("/proc/self/status", "Name:\tjava\nCapInh:\t0000000000000000\nCapEff:\t000001ffffffffff\n")
                .file("/proc/sys/net/ipv4/ip_nonlocal_bind", "1")
                .file(ClockSourceCheck.DIR + "current_clocksource", "tsc");
        for (String key : List.of("arp_ignore", "arp_announce", "rp_filter")) {
            host.conf("all", key, 0).conf("eth0", key, 0);
        }
        return host;
    }

    @Override
    public Optional<String> read(String path) {
        return Optional.ofNullable(files.get(path));
    }

    @Override
    public Optional<String> libpcapProblem() {
        return Optional.ofNullable(libpcapProblem);
    }

    @Override
    public Optional<String> joinMulticast(String iface) {
        return Optional.ofNullable(joinErrors.get(iface));
    }

    @Override
    public List<String> ipv4Addresses(String iface) {
        return addresses.getOrDefault(iface, List.of());
    }

    @Override
    public Listening listen(Collection<String> ifaces, Duration time) {
        listenedOn.add(List.copyOf(ifaces));
        return listening;
    }
}
