package io.floatip.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a running keepalived has printed, and the VRRP state of one instance read from it.
 *
 * <p>The constants are message texts keepalived 2.2.7 was seen to print (after "(INSTANCE) "), so tests
 * can look for them without spelling them again. They are keepalived's wording, not a stable interface:
 * another keepalived version may phrase them differently.
 */
public final class KeepalivedLog {

    /** Before the instance has entered any state, and after keepalived has exited. */
    public static final String INIT = "INIT";
    public static final String BACKUP = "BACKUP";
    public static final String MASTER = "MASTER";
    public static final String FAULT = "FAULT";
    public static final String STOPPED = "STOPPED";

    /** A backup heard nothing for 3 intervals plus skew (also logged before a priority-0 takeover). */
    public static final String ADVERT_TIMEOUT = "Receive advertisement timeout";
    /** A backup heard the master resign (priority 0): it takes over after the skew time. */
    public static final String PRIORITY_ZERO_RECEIVED = "Backup received priority 0 advertisement";
    /** A master resigning on SIGTERM. */
    public static final String PRIORITY_ZERO_SENT = "sent 0 priority";
    /** Prefix of "Master received advert from 198.51.100.11 with higher priority 150, ours 100". */
    public static final String HIGHER_PRIORITY_SEEN = "Master received advert from ";
    /** Wrong PASS password (VRRPv2); logged with this exact text and nothing more. */
    public static final String INVALID_PASSWORD = "received an invalid passwd!";
    /** Prefix of "received a 0 auth, expecting 1!" (one side uses authentication, the other does not). */
    public static final String AUTH_TYPE_MISMATCH = "received a ";
    /** Prefix of "advertisement interval mismatch mine=1 sec rcv'd=2 sec" (VRRPv2: the advert is dropped). */
    public static final String INTERVAL_MISMATCH = "advertisement interval mismatch";
    /** Prefix of "advertisement interval updated from 200ms to 100ms by master" (VRRPv3 adopts it). */
    public static final String INTERVAL_ADOPTED = "advertisement interval updated from ";
    /** Prefix of "wrong version. Received 2 and expect 3". */
    public static final String WRONG_VERSION = "wrong version.";
    /** Prefix of "ip address associated with VRID 51 not present in MASTER advert: 198.51.100.50". */
    public static final String ADDRESS_MISMATCH = "ip address associated with VRID ";
    /** Last line of a clean shutdown, e.g. "Stopped Keepalived v2.2.7 (01/16,2022)". */
    public static final String STOPPED_LINE = "Stopped Keepalived";

    // With -l every line starts with ctime-style local time, e.g. "Sat Nov  1 10:58:19 2026: ".
    private static final Pattern TIMESTAMP =
            Pattern.compile("^[A-Z][a-z]{2} [A-Z][a-z]{2} +\\d{1,2} \\d{2}:\\d{2}:\\d{2} \\d{4}: ");
    // "(VI_1) Entering BACKUP STATE (init)", "(VI_1) Entering MASTER STATE", "(VI_1) Entering FAULT STATE".
    private static final Pattern ENTERING = Pattern.compile("^\\((.+?)\\) Entering ([A-Z]+) STATE\\b");

    private final String instance;
    private final List<String> lines = new ArrayList<>();
    private String state = INIT;

    KeepalivedLog(String instance) {
        this.instance = instance;
    }

    /** Records one output line; returns it without keepalived's timestamp. */
    synchronized String add(String raw) {
        String line = withoutTimestamp(raw);
        lines.add(line);
        Matcher m = ENTERING.matcher(line);
        if (m.find() && m.group(1).equals(instance)) {
            state = m.group(2);
        }
        return line;
    }

    /** INIT, BACKUP, MASTER or FAULT: the last state the instance announced. */
    synchronized String state() {
        return state;
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    synchronized boolean contains(String text) {
        return lines.stream().anyMatch(l -> l.contains(text));
    }

    static String withoutTimestamp(String raw) {
        return TIMESTAMP.matcher(raw).replaceFirst("");
    }
}
