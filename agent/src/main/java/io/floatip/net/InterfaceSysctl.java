package io.floatip.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Per-interface sysctls (net.ipv4.conf.IF.KEY, net.ipv6.conf.IF.KEY) through /proc/sys, which shows the network
 * namespace of the process that reads it: the agent's own.
 */
public final class InterfaceSysctl {
    private final Path root;

    public InterfaceSysctl() {
        this(Path.of("/proc/sys/net"));
    }

    /** @param root where ipv4/conf and ipv6/conf are (a test's directory) */
    public InterfaceSysctl(Path root) {
        this.root = root;
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
        Files.writeString(path(family, ifName, key), Integer.toString(value), StandardCharsets.US_ASCII);
    }

    private Path path(String family, String ifName, String key) {
        if (ifName.contains("/") || ifName.equals("..") || ifName.equals(".")) {
            throw new IllegalArgumentException("not an interface name: " + ifName);
        }
        return root.resolve(family).resolve("conf").resolve(ifName).resolve(key);
    }
}
