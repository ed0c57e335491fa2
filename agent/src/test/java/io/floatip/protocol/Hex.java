package io.floatip.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HexFormat;

/** Test helpers: hex strings with spaces and comments, and frames read from the captured .pcap vectors. */
public final class Hex {
    private Hex() {
    }

    /** Parses hex, ignoring whitespace and anything after '#' on each line. */
    public static byte[] bytes(String annotated) {
        StringBuilder sb = new StringBuilder();
        for (String line : annotated.split("\n")) {
            int hash = line.indexOf('#');
            sb.append((hash >= 0 ? line.substring(0, hash) : line).replaceAll("\\s", ""));
        }
        return HexFormat.of().parseHex(sb.toString());
    }

    public static String of(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** The first frame of a classic little-endian pcap file (24-byte file header, 16-byte record header). */
    public static byte[] pcapFrame(String resource) {
        try (InputStream in = Hex.class.getResourceAsStream("/vectors/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test vector " + resource);
            }
            byte[] all = in.readAllBytes();
            int magic = le32(all, 0);
            if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
                throw new IllegalArgumentException(resource + " is not a little-endian pcap file");
            }
            int captured = le32(all, 24 + 8);
            return Arrays.copyOfRange(all, 24 + 16, 24 + 16 + captured);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int le32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }
}
