package io.floatip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Log stamps agree with java.time, and every line of the log gets one. */
class UtcStampTest {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    @Test
    void agreesWithJavaTimeAcrossTheCalendar() {
        long[] edges = {0, -1, 951_782_400_000L /* 2000-02-29 */, 951_868_799_999L, 4_107_542_399_999L,
                1_763_738_428_671L, 253_402_300_799_999L /* 9999-12-31T23:59:59.999 */, -62_167_219_200_000L};
        for (long t : edges) {
            assertEquals(ISO.format(Instant.ofEpochMilli(t)), UtcStamp.format(t), "epoch ms " + t);
        }
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < 200_000; i++) {
            long t = random.nextLong(-62_167_219_200_000L, 253_402_300_800_000L);
            assertEquals(ISO.format(Instant.ofEpochMilli(t)), UtcStamp.format(t), "epoch ms " + t);
        }
        // every day for 1200 years around now, at midnight and a millisecond before
        long day = Instant.parse("1800-01-01T00:00:00Z").toEpochMilli();
        for (int d = 0; d < 1200 * 366; d++) {
            long t = day + d * 86_400_000L;
            assertEquals(ISO.format(Instant.ofEpochMilli(t)), UtcStamp.format(t));
            assertEquals(ISO.format(Instant.ofEpochMilli(t - 1)), UtcStamp.format(t - 1));
        }
    }

    @Test
    void stampsEachLineOnce() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        long before = Instant.now().truncatedTo(ChronoUnit.MILLIS).toEpochMilli();
        try (PrintStream out = StampedLines.around(new PrintStream(sink, true, StandardCharsets.UTF_8))) {
            out.println("INFO VI_1: BACKUP -> MASTER");
            out.print("WARN half ");
            out.print("a line\nINFO two");
            out.write('\n');
            out.println("ERROR done");
        }
        long after = Instant.now().toEpochMilli();
        String[] lines = sink.toString(StandardCharsets.UTF_8).split("\n", -1);
        assertEquals(5, lines.length, sink.toString(StandardCharsets.UTF_8));
        String[] bodies = {"INFO VI_1: BACKUP -> MASTER", "WARN half a line", "INFO two", "ERROR done"};
        for (int i = 0; i < bodies.length; i++) {
            assertEquals(' ', lines[i].charAt(UtcStamp.LENGTH), lines[i]);
            assertEquals(bodies[i], lines[i].substring(UtcStamp.LENGTH + 1));
            long t = Instant.parse(lines[i].substring(0, UtcStamp.LENGTH)).toEpochMilli();
            assertEquals(true, t >= before && t <= after, lines[i]);
        }
        assertEquals("", lines[4]);
    }
}
