package io.floatip.net;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Hand-written little-endian netlink bytes for pure tests; one call per field. */
final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Bytes u8(int... values) {
        for (int value : values) {
            out.write(value);
        }
        return this;
    }

    Bytes u16(int value) {
        return u8(value & 0xff, (value >>> 8) & 0xff);
    }

    Bytes u32(int value) {
        return u8(value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff);
    }

    Bytes ascii(String text) {
        return u8(text.getBytes(StandardCharsets.US_ASCII));
    }

    Bytes u8(byte[] values) {
        out.writeBytes(values);
        return this;
    }

    byte[] array() {
        return out.toByteArray();
    }

    static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    static boolean hostIsLittleEndian() {
        return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    }
}
