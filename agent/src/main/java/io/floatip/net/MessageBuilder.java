package io.floatip.net;

import static io.floatip.net.NetlinkConstants.NLA_HDRLEN;
import static io.floatip.net.NetlinkConstants.align4;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes one netlink request: nlmsghdr, the family header, then rtattrs, each padded to 4 bytes.
 * Netlink talks in host byte order, hence {@link ByteOrder#nativeOrder()} (little-endian on the
 * x86_64 and aarch64 hosts this agent targets).
 */
final class MessageBuilder {
    static final ByteOrder HOST_ORDER = ByteOrder.nativeOrder();

    // Requests here are a header, a struct and a few short attributes.
    private final ByteBuffer buffer = ByteBuffer.allocate(512).order(HOST_ORDER);

    MessageBuilder(int type, int flags, int seq) {
        buffer.putInt(0); // nlmsg_len, patched by build()
        buffer.putShort((short) type);
        buffer.putShort((short) flags);
        buffer.putInt(seq);
        buffer.putInt(0); // nlmsg_pid 0: the kernel fills in our port id
    }

    MessageBuilder u8(int value) {
        buffer.put((byte) value);
        return this;
    }

    MessageBuilder u16(int value) {
        buffer.putShort((short) value);
        return this;
    }

    MessageBuilder u32(int value) {
        buffer.putInt(value);
        return this;
    }

    MessageBuilder attribute(int type, byte[] value) {
        buffer.putShort((short) (NLA_HDRLEN + value.length));
        buffer.putShort((short) type);
        buffer.put(value);
        pad();
        return this;
    }

    MessageBuilder attributeU32(int type, int value) {
        return attribute(type, ByteBuffer.allocate(4).order(HOST_ORDER).putInt(value).array());
    }

    /** A NUL-terminated string attribute, as the kernel's NLA_STRING/NLA_NUL_STRING expect. */
    MessageBuilder attributeString(int type, String value) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        return attribute(type, Arrays.copyOf(text, text.length + 1));
    }

    /**
     * Opens a nested attribute (NLA_F_NESTED is not set: rtnetlink's IFLA_LINKINFO and IFLA_AF_SPEC parsers
     * take both). Returns where its header sits, for {@link #endNest}.
     */
    int beginNest(int type) {
        int start = buffer.position();
        buffer.putShort((short) 0); // nla_len, patched by endNest
        buffer.putShort((short) type);
        return start;
    }

    /** Closes the nested attribute opened at {@code start}: its length covers every attribute inside. */
    MessageBuilder endNest(int start) {
        pad();
        buffer.putShort(start, (short) (buffer.position() - start));
        return this;
    }

    MessageBuilder attributeU8(int type, int value) {
        return attribute(type, new byte[]{(byte) value});
    }

    byte[] build() {
        pad();
        buffer.putInt(0, buffer.position());
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private void pad() {
        while (buffer.position() != align4(buffer.position())) {
            buffer.put((byte) 0);
        }
    }
}
