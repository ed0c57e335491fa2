package io.floatip.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Per-interface sysctls (net.ipv4.conf.IF.KEY, net.ipv6.conf.IF.KEY) read through /proc/sys, which shows the
 * network namespace of the process that reads it: the agent's own. IPv4 keys the kernel also takes over
 * netlink are written that way: under the shipped unit (ProtectKernelTunables=) /proc/sys is read-only.
 */
public final class InterfaceSysctl {
    private final Path root;
    private final Netlink netlink;

    /** Reads /proc/sys; writes IPv4 keys over {@code netlink} and the rest to /proc/sys. */
    public InterfaceSysctl(Netlink netlink) {
        this(Path.of("/proc/sys/net"), netlink);
    }

    /** @param root where ipv4/conf and ipv6/conf are (a test's directory); {@code netlink} null: files only */
    public InterfaceSysctl(Path root, Netlink netlink) {
        this.root = root;
        this.netlink = netlink;
    }

    /** The value, or -1 when it cannot be read (no such interface, no such key). */
    public int get(String family, String ifName, String key) {
        try {
            return Integer.parseInt(Files.readString(path(family, ifName, key), StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    public void set(String family, String ifName, String key, int value) throws IOException {
        Path path = path(family, ifName, key);
        int devconf = family.equals("ipv4") ? Ipv4Devconf.index(key) : 0;
        if (netlink != null && devconf > 0) {
            try {
                LinkDetails link = netlink.details(ifName);
                if (link == null) {
                    throw new IOException("no interface " + ifName);
                }
                netlink.setIpv4Conf(link.ifIndex(), devconf, value);
                return;
            } catch (NetlinkException e) {
                throw new IOException("net." + family + ".conf." + ifName + "." + key + " = " + value + ": "
                        + e.getMessage(), e);
            }
        }
        Files.writeString(path, Integer.toString(value), StandardCharsets.US_ASCII);
    }

    private Path path(String family, String ifName, String key) {
        if (ifName.contains("/") || ifName.equals("..") || ifName.equals(".")) {
            throw new IllegalArgumentException("not an interface name: " + ifName);
        }
        return root.resolve(family).resolve("conf").resolve(ifName).resolve(key);
    }
}
