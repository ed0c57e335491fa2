package io.floatip.net;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The capture's read timeout. libpcap 1.10 and later wake a blocked read on pcap_breakloop (an eventfd in its
 * poll), so the read may block for good: an idle link then costs no wake-up at all. Older libraries only see
 * breakloop when the read returns, so they keep a one-second timeout for close() to be noticed.
 */
final class ReadTimeout {
    /** pcap_set_timeout(0): poll without a timeout. */
    static final int NONE = 0;
    static final int OLD_LIBRARY_MS = 1000;
    private static final Pattern VERSION = Pattern.compile("libpcap version (\\d+)\\.(\\d+)");

    private ReadTimeout() {
    }

    /** {@code libVersion}: pcap_lib_version()'s text, e.g. "libpcap version 1.10.3 (with TPACKET_V3)". */
    static int millisFor(String libVersion) {
        Matcher m = VERSION.matcher(libVersion == null ? "" : libVersion);
        if (!m.find()) {
            return OLD_LIBRARY_MS;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major > 1 || (major == 1 && minor >= 10) ? NONE : OLD_LIBRARY_MS;
    }
}
