package io.floatip.lab;

/** A node of the lab, where an agent runs: n1 has 198.51.100.11, n2 has .12, and so on. */
public final class Node extends Host {

    private final int index;

    Node(int index, Netns netns, Processes processes, String ns, String mac, String ipv4,
         String switchNs, String switchPort) {
        super(netns, processes, "n" + index, ns, mac, ipv4, switchNs, switchPort);
        this.index = index;
    }

    /** 1 for the first node. */
    public int index() {
        return index;
    }
}
