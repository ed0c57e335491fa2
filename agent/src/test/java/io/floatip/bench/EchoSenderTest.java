package io.floatip.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EchoSenderTest {

    /** The Internet checksum over a correct message sums to 0xffff (RFC 1071). */
    @Test
    void echoRequestCarriesAValidChecksum() {
        for (int seq : new int[]{0, 1, 0x1234, 0xffff}) {
            byte[] b = new byte[24];
            EchoSender.fill(b, 0xbeef, seq);
            int sum = 0;
            for (int i = 0; i < b.length; i += 2) {
                sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
            }
            while ((sum >>> 16) != 0) {
                sum = (sum & 0xffff) + (sum >>> 16);
            }
            assertEquals(0xffff, sum, "seq " + seq);
            assertEquals(8, b[0], "type: echo request");
            assertEquals(seq, ((b[6] & 0xff) << 8) | (b[7] & 0xff));
        }
    }

    /** A known vector: type 8, id 1, seq 1, no payload has checksum 0xf7fd. */
    @Test
    void knownVector() {
        byte[] b = new byte[8];
        EchoSender.fill(b, 1, 1);
        assertEquals(0xf7, b[2] & 0xff);
        assertEquals(0xfd, b[3] & 0xff);
    }
}
