package io.floatip.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The capabilities an agent cannot work without, read from CapEff in /proc/self/status. Without CAP_NET_ADMIN
 * it cannot add its VIP (and would keep preempting a healthy peer only to fail); without CAP_NET_RAW it cannot
 * send an advert. Checked at start, so systemd shows a failed unit instead of a healthy-looking one.
 */
public final class Capabilities {
    public static final int CAP_NET_ADMIN = 12;
    public static final int CAP_NET_RAW = 13;

    private Capabilities() {
    }

    /** The missing ones by name, or empty; unknown (no /proc) counts as none missing: the edges will say. */
    public static List<String> missing() {
        try {
            return missing(Files.readString(Path.of("/proc/self/status")));
        } catch (IOException e) {
            return List.of();
        }
    }

    static List<String> missing(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("CapEff:")) {
                long eff;
                try {
                    eff = Long.parseUnsignedLong(line.substring("CapEff:".length()).strip(), 16);
                } catch (NumberFormatException e) {
                    return List.of();
                }
                List<String> missing = new ArrayList<>();
                if ((eff & (1L << CAP_NET_ADMIN)) == 0) {
                    missing.add("CAP_NET_ADMIN");
                }
                if ((eff & (1L << CAP_NET_RAW)) == 0) {
                    missing.add("CAP_NET_RAW");
                }
                return missing;
            }
        }
        return List.of();
    }

    /** The start-up error for {@code missing}, one line. */
    public static String problem(List<String> missing) {
        return "missing capability " + String.join(", missing capability ", missing) + " (CAP_NET_ADMIN adds and removes the VIP, CAP_NET_RAW "
                + "sends adverts); run as root, or give them as the packaged floatip.service does: "
                + "AmbientCapabilities=CAP_NET_ADMIN CAP_NET_RAW";
    }
}
