package io.floatip.lab;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Reads the few facts the lab needs out of iproute2's text output. Pure, so it is tested on samples. */
final class IpOutput {

    private IpOutput() {
    }

    /** Addresses (without prefix length) from {@code ip -o addr show}: the word after "inet"/"inet6". */
    static List<String> addresses(String output) {
        List<String> found = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] words = line.strip().split("\\s+");
            for (int i = 0; i + 1 < words.length; i++) {
                if (words[i].equals("inet") || words[i].equals("inet6")) {
                    String address = words[i + 1];
                    int slash = address.indexOf('/');
                    found.add(slash < 0 ? address : address.substring(0, slash));
                }
            }
        }
        return found;
    }

    /** The word after {@code key} on the first line that has one, e.g. "lladdr" or "link/ether"; else null. */
    static String wordAfter(String output, String key) {
        for (String line : output.split("\n")) {
            String[] words = line.strip().split("\\s+");
            for (int i = 0; i + 1 < words.length; i++) {
                if (words[i].equals(key)) {
                    return words[i + 1];
                }
            }
        }
        return null;
    }

    /** The flags between the angle brackets of {@code ip -o link show}, e.g. [BROADCAST, UP, LOWER_UP]. */
    static List<String> linkFlags(String output) {
        int open = output.indexOf('<');
        int close = output.indexOf('>', open + 1);
        if (open < 0 || close < 0) {
            return List.of();
        }
        return List.of(output.substring(open + 1, close).split(","));
    }

    /**
     * Whether two address literals name the same address. IPv6 has many spellings (2001:db8::1 and
     * 2001:0db8:0:0::1), so those are compared as numbers; anything with a ':' is a literal, never a
     * host name, so this never resolves names.
     */
    static boolean sameAddress(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        if (a.indexOf(':') < 0 || b.indexOf(':') < 0) {
            return false;
        }
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
