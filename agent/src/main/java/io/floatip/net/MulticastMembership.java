package io.floatip.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;

/**
 * Joins a multicast group on an interface and holds the membership while open, so a NIC that filters
 * multicast by address delivers the group's frames to the capture. No data is read from the socket.
 */
public final class MulticastMembership implements AutoCloseable {
    private final DatagramChannel channel;
    private final MembershipKey key;

    private MulticastMembership(DatagramChannel channel, MembershipKey key) {
        this.channel = channel;
        this.key = key;
    }

    public static MulticastMembership join(InetAddress group, String interfaceName) throws IOException {
        NetworkInterface nif = NetworkInterface.getByName(interfaceName);
        if (nif == null) {
            throw new IOException("interface " + interfaceName + " does not exist");
        }
        DatagramChannel ch = DatagramChannel.open(group.getAddress().length == 4
                ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
        try {
            return new MulticastMembership(ch, ch.join(group, nif));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            key.drop();
        } catch (AssertionError gone) {
            // The JDK wraps the kernel's refusal in an AssertionError: the interface was deleted (and maybe made
            // again) since the join, so the membership went with it. Closing the channel is all that is left.
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to do on the way out
        }
    }
}
