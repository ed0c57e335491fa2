package io.floatip.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/notify.sh under dash: one log line per call, a timestamp, every argument. */
class NotifyExampleTest {

    /** date '+%Y-%m-%dT%H:%M:%S%z', one space, then what the call was given. */
    private static final Pattern LINE =
            Pattern.compile("(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{4}) (.*)");

    @TempDir
    Path tmp;

    private List<String> logged(Path log) {
        return Scripts.read(log).lines().map(line -> {
            Matcher m = LINE.matcher(line);
            assertTrue(m.matches(), "a timestamp, then the arguments: " + line);
            return m.group(2);
        }).toList();
    }

    @Test
    void logsTheAnyContractAndSingleWords() {
        Path log = tmp.resolve("notify.log");
        Map<String, String> env = Scripts.env("FLOATIP_NOTIFY_LOG", log.toString());

        // notify: {any: /etc/floatip/notify.sh}: INSTANCE|GROUP, name, state, priority.
        Scripts.run(env, Scripts.NOTIFY, "INSTANCE", "VI_1", "MASTER", "150").expect(0);
        Scripts.run(env, Scripts.NOTIFY, "INSTANCE", "VI_1", "BACKUP", "100").expect(0);
        Scripts.run(env, Scripts.NOTIFY, "GROUP", "EDGE", "FAULT").expect(0);
        Scripts.run(env, Scripts.NOTIFY, "INSTANCE", "VI_2", "STOP", "90").expect(0);
        // notify: {master: "/etc/floatip/notify.sh master"}: exactly the operator's words.
        Scripts.run(env, Scripts.NOTIFY, "master").expect(0);
        // The contract's four appended to the operator's own word.
        Scripts.run(env, Scripts.NOTIFY, "any", "INSTANCE", "VI_1", "MASTER", "150").expect(0);
        Scripts.run(env, Scripts.NOTIFY).expect(0);

        assertEquals(List.of(
                "INSTANCE VI_1 MASTER 150 (instance VI_1 is now MASTER, priority 150)",
                "INSTANCE VI_1 BACKUP 100 (instance VI_1 is now BACKUP, priority 100)",
                "GROUP EDGE FAULT (group EDGE is now FAULT)",
                "INSTANCE VI_2 STOP 90 (instance VI_2 is now STOP, priority 90)",
                "master",
                "any INSTANCE VI_1 MASTER 150 (instance VI_1 is now MASTER, priority 150)",
                "(no arguments)"), logged(log));
    }

    @Test
    void oneLinePerCallWhateverTheArgumentsHold() {
        Path log = tmp.resolve("notify.log");
        Map<String, String> env = Scripts.env("FLOATIP_NOTIFY_LOG", log.toString());
        Scripts.run(env, Scripts.NOTIFY, "two\nlines", "and\ra return").expect(0);
        Scripts.run(env, Scripts.NOTIFY, "$(touch " + tmp.resolve("injected") + ")", "*").expect(0);
        assertEquals(List.of("two lines and a return", "$(touch " + tmp.resolve("injected") + ") *"), logged(log));
        assertFalse(Files.exists(tmp.resolve("injected")), "arguments are data, never run");
    }

    /** A notify script's exit code is not acted on; a log it cannot write is said on stderr. */
    @Test
    void anUnwritableLogIsReportedAndExitsOneSoTheAgentLogsWhy() {
        Path log = tmp.resolve("no-such-dir/notify.log");
        Scripts.Run run = Scripts.run(Scripts.env("FLOATIP_NOTIFY_LOG", log.toString()), Scripts.NOTIFY,
                "backup").expect(1);
        assertTrue(run.output().contains("cannot append to " + log), run.output());
    }

    @Test
    void appendsToWhatIsThere() {
        Path log = tmp.resolve("notify.log");
        Scripts.write(log, "2000-01-01T00:00:00+0000 earlier\n");
        Scripts.run(Scripts.env("FLOATIP_NOTIFY_LOG", log.toString()), Scripts.NOTIFY, "fault").expect(0);
        assertEquals(List.of("earlier", "fault"), logged(log));
    }

    @Test
    void theDefaultLogIsDocumented() {
        String usage = Scripts.run(Scripts.env(), Scripts.NOTIFY, "-h").expect(0).output();
        assertTrue(usage.contains("/var/log/floatip-notify.log"), usage);
        assertTrue(usage.contains("FLOATIP_NOTIFY_LOG"), usage);
    }
}
