package io.floatip.net;

import static io.floatip.net.NetlinkConstants.NLMSG_HDRLEN;
import static io.floatip.net.NetlinkConstants.align4;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One received netlink message: the nlmsghdr fields and the payload after the header. */
record NetlinkMessage(int type, int flags, int seq, int pid, byte[] payload) {

    /**
     * Splits one datagram into its messages. A kernel datagram may hold several (a dump batch,
     * or a reply followed by its ack).
     *
     * @throws IllegalArgumentException if a header's length does not fit the datagram
     */
    static List<NetlinkMessage> split(byte[] datagram, int length) {
        ByteBuffer buffer = ByteBuffer.wrap(datagram, 0, length).order(MessageBuilder.HOST_ORDER);
        List<NetlinkMessage> messages = new ArrayList<>();
        int offset = 0;
        while (length - offset >= NLMSG_HDRLEN) {
            int messageLength = buffer.getInt(offset);
            if (messageLength < NLMSG_HDRLEN || messageLength > length - offset) {
                throw new IllegalArgumentException(
                        "malformed netlink message: nlmsg_len " + messageLength + " at offset " + offset
                                + " of a " + length + "-byte datagram");
            }
            messages.add(new NetlinkMessage(
                    Short.toUnsignedInt(buffer.getShort(offset + 4)),
                    Short.toUnsignedInt(buffer.getShort(offset + 6)),
                    buffer.getInt(offset + 8),
                    buffer.getInt(offset + 12),
                    Arrays.copyOfRange(datagram, offset + NLMSG_HDRLEN, offset + messageLength)));
            offset += align4(messageLength);
        }
        return messages;
    }

    ByteBuffer payloadBuffer() {
        return ByteBuffer.wrap(payload).order(MessageBuilder.HOST_ORDER);
    }

    boolean hasFlag(int flag) {
        return (flags & flag) != 0;
    }

    @Override
    public String toString() {
        return "NetlinkMessage[type=" + type + ", flags=0x" + Integer.toHexString(flags) + ", seq=" + seq
                + ", pid=" + pid + ", payload=" + payload.length + " bytes]";
    }
}
