package io.floatip.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a classic pcap file (as tcpdump -w writes it), for tests that look at the wire and its timing. */
public final class PcapFile {
    private static final int FILE_HEADER = 24;
    private static final int RECORD_HEADER = 16;

    /** One whole record: when it was captured (microseconds since the epoch) and the frame. */
    public record Record(long micros, byte[] frame) {
    }

    private PcapFile() {
    }

    public static List<byte[]> frames(Path file) throws IOException {
        return records(file).stream().map(Record::frame).toList();
    }

    /** Every whole record; one cut short by the writer being stopped is left out. */
    public static List<Record> records(Path file) throws IOException {
        ByteBuffer b = read(file);
        List<Record> records = new ArrayList<>();
        int at = FILE_HEADER;
        while (at + RECORD_HEADER <= b.limit()) {
            int captured = b.getInt(at + 8);
            if (at + RECORD_HEADER + captured > b.limit()) {
                break;
            }
            byte[] f = new byte[captured];
            b.get(at + RECORD_HEADER, f);
            records.add(new Record(micros(b, at), f));
            at += RECORD_HEADER + captured;
        }
        return records;
    }

    /** Each record header's timestamp in microseconds, a last record cut short included. */
    public static List<Long> timestampsMicros(Path file) throws IOException {
        ByteBuffer b = read(file);
        List<Long> micros = new ArrayList<>();
        int at = FILE_HEADER;
        while (at + RECORD_HEADER <= b.limit()) {
            micros.add(micros(b, at));
            at += RECORD_HEADER + b.getInt(at + 8);
        }
        return micros;
    }

    /** Milliseconds (rounded down) between consecutive records, from their timestamps. */
    public static List<Long> gapsMillis(Path file) throws IOException {
        List<Long> micros = timestampsMicros(file);
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < micros.size(); i++) {
            gaps.add((micros.get(i) - micros.get(i - 1)) / 1000);
        }
        return gaps;
    }

    private static ByteBuffer read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
            b.order(ByteOrder.BIG_ENDIAN);
        }
        return b;
    }

    /** The record's seconds and fraction; the fraction is nanoseconds in a nanosecond file (magic a1b23c4d). */
    private static long micros(ByteBuffer b, int at) {
        long seconds = b.getInt(at) & 0xffffffffL;
        long fraction = b.getInt(at + 4) & 0xffffffffL;
        boolean nanos = b.getInt(0) == 0xa1b23c4d;
        return seconds * 1_000_000L + (nanos ? fraction / 1000 : fraction);
    }
}
