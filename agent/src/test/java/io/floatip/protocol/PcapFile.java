package io.floatip.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads every frame of a classic pcap file (as tcpdump -w writes it), for tests that look at the wire. */
public final class PcapFile {
    private PcapFile() {
    }

    public static List<byte[]> frames(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
            b.order(ByteOrder.BIG_ENDIAN);
        }
        List<byte[]> frames = new ArrayList<>();
        int at = 24;
        while (at + 16 <= b.limit()) {
            int captured = b.getInt(at + 8);
            if (at + 16 + captured > b.limit()) {
                break; // a record cut short by the writer being stopped
            }
            byte[] f = new byte[captured];
            b.get(at + 16, f);
            frames.add(f);
            at += 16 + captured;
        }
        return frames;
    }
}
