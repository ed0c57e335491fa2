package io.floatip.policy;

import java.util.function.LongPredicate;

/**
 * How floatip marks the macvlans it makes, in the interface's alias ({@code ip link set vrrp.51 alias ...}), and
 * what the mark says after a crash. The alias is the record, not a file: it lives exactly as long as the kernel
 * state it describes (a reboot takes both), belongs to its network namespace, and says which process made the
 * interface, so a start deletes only macvlans a floatip that is no longer running made, never an operator's.
 * An IPv4 macvlan also carries its parent's arp_ignore, arp_filter and arp_announce from before floatip changed
 * them, to put back. Pure.
 *
 * <p>Form: {@code floatip pid=1234 arp_ignore=0 arp_filter=0 arp_announce=0 instance=VI_1} (no arp fields on an
 * IPv6 macvlan; -1 for a value that could not be read).
 */
public final class VmacMark {
    static final String PREFIX = "floatip ";
    /** IFALIASZ less the NUL. */
    static final int MAX_LENGTH = 255;

    /**
     * What a mark says.
     *
     * @param pid the process that made the macvlan
     * @param arp whether the parent's originals follow (an IPv4 macvlan)
     */
    public record Mark(long pid, boolean arp, int arpIgnore, int arpFilter, int arpAnnounce) {
    }

    private VmacMark() {
    }

    /** The alias for a macvlan made by {@code pid} for {@code instance}; {@code arp} null for an IPv6 one. */
    public static String format(long pid, String instance, int[] arp) {
        StringBuilder b = new StringBuilder(PREFIX).append("pid=").append(pid);
        if (arp != null) {
            b.append(" arp_ignore=").append(arp[0]).append(" arp_filter=").append(arp[1])
                    .append(" arp_announce=").append(arp[2]);
        }
        b.append(" instance=");
        for (char c : instance.toCharArray()) { // one token, printable ASCII: the alias is read by people too
            b.append(c > 0x20 && c < 0x7f ? c : '_');
        }
        return b.length() > MAX_LENGTH ? b.substring(0, MAX_LENGTH) : b.toString();
    }

    /** The mark in {@code alias}, or null when it is not one of floatip's (no alias, another's, malformed). */
    public static Mark parse(String alias) {
        if (alias == null || !alias.startsWith(PREFIX)) {
            return null;
        }
        long pid = -1;
        int[] arp = {Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE};
        for (String word : alias.substring(PREFIX.length()).split(" ")) {
            int eq = word.indexOf('=');
            if (eq < 0) {
                return null;
            }
            String key = word.substring(0, eq);
            String value = word.substring(eq + 1);
            if (key.equals("instance")) {
                break; // the rest is a name, whatever it holds
            }
            try {
                switch (key) {
                    case "pid" -> pid = Long.parseLong(value);
                    case "arp_ignore" -> arp[0] = Integer.parseInt(value);
                    case "arp_filter" -> arp[1] = Integer.parseInt(value);
                    case "arp_announce" -> arp[2] = Integer.parseInt(value);
                    default -> {
                        return null;
                    }
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (pid <= 0) {
            return null;
        }
        boolean anyArp = arp[0] != Integer.MIN_VALUE || arp[1] != Integer.MIN_VALUE || arp[2] != Integer.MIN_VALUE;
        boolean allArp = arp[0] != Integer.MIN_VALUE && arp[1] != Integer.MIN_VALUE && arp[2] != Integer.MIN_VALUE;
        if (anyArp && !allArp) {
            return null;
        }
        return allArp ? new Mark(pid, true, arp[0], arp[1], arp[2]) : new Mark(pid, false, -1, -1, -1);
    }

    /**
     * Whether a marked macvlan is a leftover to delete at start: its maker is not running, or is this very
     * process (in a container floatip is pid 1 each time; a start has made no macvlan yet).
     */
    public static boolean leftover(Mark mark, long ownPid, LongPredicate running) {
        return mark.pid() == ownPid || !running.test(mark.pid());
    }

    /**
     * The value to write back to a parent's sysctl, or -1 to leave it: only when the original was read, differs
     * from what floatip set, and the sysctl still holds floatip's value (an operator who changed it since wins).
     */
    public static int restore(int original, int floatipSet, int now) {
        return original >= 0 && original != floatipSet && now == floatipSet ? original : -1;
    }
}
