package io.floatip.doctor;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Everything the checks ask of the machine. The real one is {@link LocalHostFacts}; tests give made-up facts. */
public interface HostFacts {

    /** The text of a /proc or /sys file, trimmed; empty when it does not exist or cannot be read. */
    Optional<String> read(String path);

    /** Why libpcap cannot be loaded; empty when it loads. */
    Optional<String> libpcapProblem();

    /** Joins 224.0.0.18 on {@code iface} and leaves again; empty when that worked, else why not. */
    Optional<String> joinMulticast(String iface);

    /** The interface's IPv4 addresses as {@code address/prefix}; empty when it has none or does not exist. */
    List<String> ipv4Addresses(String iface);

    /** Listens for VRRP on each interface at once for {@code time}. */
    Listening listen(Collection<String> ifaces, Duration time);
}
