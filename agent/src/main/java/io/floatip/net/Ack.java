package io.floatip.net;

import static io.floatip.net.NetlinkConstants.NLMSGERR_ATTR_MSG;
import static io.floatip.net.NetlinkConstants.NLMSG_HDRLEN;
import static io.floatip.net.NetlinkConstants.NLM_F_ACK_TLVS;
import static io.floatip.net.NetlinkConstants.NLM_F_CAPPED;
import static io.floatip.net.NetlinkConstants.align4;

import java.nio.ByteBuffer;

/**
 * An NLMSG_ERROR reply: errno 0 is the ack of a successful request. With NETLINK_EXT_ACK the
 * kernel may add a human-readable message.
 *
 * @param errno         positive errno, 0 for success
 * @param kernelMessage NLMSGERR_ATTR_MSG, or null
 */
record Ack(int errno, String kernelMessage) {

    /** Parses the payload of an NLMSG_ERROR: struct nlmsgerr { int error; struct nlmsghdr msg; ... }. */
    static Ack parse(NetlinkMessage message) {
        ByteBuffer payload = message.payloadBuffer();
        if (payload.remaining() < 4) {
            throw new IllegalArgumentException("NLMSG_ERROR too short: " + payload.remaining() + " bytes");
        }
        int errno = -payload.getInt(0);
        String text = null;
        if (message.hasFlag(NLM_F_ACK_TLVS) && payload.remaining() >= 4 + NLMSG_HDRLEN) {
            // The echoed request is its header alone when capped, else the whole request.
            int echoed = message.hasFlag(NLM_F_CAPPED) ? NLMSG_HDRLEN : payload.getInt(4);
            text = Attributes.parse(message.payload(), 4 + align4(echoed)).string(NLMSGERR_ATTR_MSG);
        }
        return new Ack(errno, text);
    }

    /** NLMSG_DONE carries an int: 0, or a negative errno when the dump failed part way. */
    static int doneErrno(NetlinkMessage message) {
        ByteBuffer payload = message.payloadBuffer();
        return payload.remaining() >= 4 ? -payload.getInt(0) : 0;
    }
}
