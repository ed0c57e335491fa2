package io.floatip.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each log line reaches journald with its level's sd-daemon prefix, and only whole lines are passed on. */
class JournalPrioritiesTest {
    private static final String STAMP = "2026-12-06T07:42:05.123Z ";

    @Test
    void eachLevelGetsItsPriority() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(JournalPriorities.byLevel(sink, STAMP.length()), true);
        log.println(STAMP + "ERROR VI_1: cannot claim 198.51.100.50/24 on eth0: EPERM");
        log.println(STAMP + "WARN no control socket");
        log.println(STAMP + "INFO VI_1: BACKUP -> MASTER");
        log.println(STAMP + "DEBUG closing");
        log.println(STAMP + "TRACE frame");
        assertEquals("<3>" + STAMP + "ERROR VI_1: cannot claim 198.51.100.50/24 on eth0: EPERM\n"
                + "<4>" + STAMP + "WARN no control socket\n"
                + "<6>" + STAMP + "INFO VI_1: BACKUP -> MASTER\n"
                + "<7>" + STAMP + "DEBUG closing\n"
                + "<7>" + STAMP + "TRACE frame\n", text(sink));
    }

    @Test
    void aLineWithoutALevelWordGoesOutAsItIs() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(JournalPriorities.byLevel(sink, STAMP.length()), true);
        log.println(STAMP + "\tat io.floatip.agent.Agent.start(Agent.java:12)");
        log.println(STAMP + "ERRORS are not a level");
        log.println(STAMP + "INFO");
        log.println("short");
        assertEquals(STAMP + "\tat io.floatip.agent.Agent.start(Agent.java:12)\n" + STAMP + "ERRORS are not a level\n"
                + "<6>" + STAMP + "INFO\n" + "short\n", text(sink));
    }

    @Test
    void aLineIsHeldUntilItsNewlineWhateverTheWritesAndFlushes() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        JournalPriorities out = JournalPriorities.byLevel(sink, STAMP.length());
        out.write(STAMP.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertEquals("", text(sink), "the level is not known yet");
        out.write('W');
        out.write("ARN one\n".concat(STAMP).concat("ERROR two\n").concat(STAMP).getBytes(StandardCharsets.US_ASCII));
        assertEquals("<4>" + STAMP + "WARN one\n<3>" + STAMP + "ERROR two\n", text(sink));
        out.write("INFO three".getBytes(StandardCharsets.US_ASCII));
        out.close();
        assertTrue(text(sink).endsWith("<6>" + STAMP + "INFO three\n"), "close ends the last line: " + text(sink));
    }

    @Test
    void aFixedStreamMarksEveryLine() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(JournalPriorities.fixed(sink, JournalPriorities.ERR), true);
        err.println("floatip: /etc/floatip/floatip.yaml line 3: instances.VI_1.vrid: must be 1..255");
        err.print("two\nlines\n");
        assertEquals("<3>floatip: /etc/floatip/floatip.yaml line 3: instances.VI_1.vrid: must be 1..255\n"
                + "<3>two\n<3>lines\n", text(sink));
    }

    @Test
    void anOverlongLineIsCutIntoPiecesThatKeepThePriority() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        JournalPriorities out = JournalPriorities.byLevel(sink, 0);
        String body = "ERROR " + "x".repeat(JournalPriorities.MAX_LINE * 2);
        out.write((body + "\nINFO next\n").getBytes(StandardCharsets.US_ASCII));
        String[] pieces = text(sink).split("\n");
        assertEquals(4, pieces.length, "three pieces of the long line, then the next line");
        for (int i = 0; i < 3; i++) {
            assertTrue(pieces[i].startsWith("<3>"), "piece " + i);
            assertTrue(pieces[i].length() <= JournalPriorities.MAX_LINE + 3, "piece " + i + " length");
        }
        assertEquals(body, pieces[0].substring(3) + pieces[1].substring(3) + pieces[2].substring(3));
        assertEquals("<6>INFO next", pieces[3]);
    }

    @Test
    void journalStreamMustNameTheDescriptorsDeviceAndInode() {
        assertTrue(JournalStream.matches("25:1234567", 25, 1_234_567));
        assertFalse(JournalStream.matches("25:1234567", 25, 1_234_568));
        assertFalse(JournalStream.matches("26:1234567", 25, 1_234_567));
        assertFalse(JournalStream.matches("25", 25, 25));
        assertFalse(JournalStream.matches(":25", 0, 25));
        assertFalse(JournalStream.matches("25:7:1", 25, 7));
        assertFalse(JournalStream.matches("x:y", 0, 0));
    }

    private static String text(ByteArrayOutputStream sink) {
        return sink.toString(StandardCharsets.US_ASCII);
    }
}
