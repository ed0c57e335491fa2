package io.floatip.net;

import static io.floatip.net.NetlinkConstants.NLA_HDRLEN;
import static io.floatip.net.NetlinkConstants.NLA_TYPE_MASK;
import static io.floatip.net.NetlinkConstants.align4;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** The rtattr list following a family header, by attribute type. */
final class Attributes {
    private final Map<Integer, byte[]> values;

    private Attributes(Map<Integer, byte[]> values) {
        this.values = values;
    }

    /** Parses attributes from {@code offset} to the end of {@code data}; stops at a truncated one. */
    static Attributes parse(byte[] data, int offset) {
        ByteBuffer buffer = ByteBuffer.wrap(data).order(MessageBuilder.HOST_ORDER);
        Map<Integer, byte[]> values = new HashMap<>();
        while (data.length - offset >= NLA_HDRLEN) {
            int length = Short.toUnsignedInt(buffer.getShort(offset));
            int type = Short.toUnsignedInt(buffer.getShort(offset + 2)) & NLA_TYPE_MASK;
            if (length < NLA_HDRLEN || length > data.length - offset) {
                break;
            }
            values.put(type, Arrays.copyOfRange(data, offset + NLA_HDRLEN, offset + length));
            offset += align4(length);
        }
        return new Attributes(values);
    }

    byte[] bytes(int type) {
        return values.get(type);
    }

    boolean has(int type) {
        return values.containsKey(type);
    }

    Integer u32(int type) {
        byte[] value = values.get(type);
        if (value == null || value.length < 4) {
            return null;
        }
        return ByteBuffer.wrap(value).order(MessageBuilder.HOST_ORDER).getInt();
    }

    /** A string attribute without its trailing NUL, or null when absent. */
    String string(int type) {
        byte[] value = values.get(type);
        if (value == null) {
            return null;
        }
        int end = 0;
        while (end < value.length && value[end] != 0) {
            end++;
        }
        return new String(value, 0, end, StandardCharsets.UTF_8);
    }
}
