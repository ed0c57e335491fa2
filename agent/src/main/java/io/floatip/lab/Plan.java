package io.floatip.lab;

/**
 * The lab's fixed addressing, all inside TEST-NET-2 (RFC 5737) so nothing can leak to a real network.
 * A node's MAC ends in the same two digits as its address, so captures read at a glance.
 */
final class Plan {

    static final String SUBNET = "198.51.100.0/24";
    static final int PREFIX_LENGTH = 24;
    static final String BRIDGE = "br0";

    /** Node n is .(10+n); two-digit octets keep the MAC trick working, .99 and up are taken. */
    static final int MAX_NODES = 88;

    static final String CLIENT_IPV4 = "198.51.100.100";
    static final String CLIENT_MAC = "02:00:00:00:00:99";

    private Plan() {
    }

    static String nodeIpv4(int index) {
        return "198.51.100." + nodeOctet(index);
    }

    /** Locally administered unicast (02:...), last byte spelled like the address's last octet. */
    static String nodeMac(int index) {
        return "02:00:00:00:00:" + nodeOctet(index);
    }

    private static int nodeOctet(int index) {
        if (index < 1 || index > MAX_NODES) {
            throw new IllegalArgumentException("node index must be 1.." + MAX_NODES + ": " + index);
        }
        return 10 + index;
    }
}
