package io.floatip.net;

import org.pcap4j.core.Pcaps;

/** Tells, before anything else is opened, whether libpcap can be loaded, with the package that provides it. */
public final class LibpcapCheck {
    public static final String MISSING =
            "libpcap is not installed (floatip sends and receives VRRP through it): apt-get install libpcap0.8";

    private LibpcapCheck() {
    }

    /** Null when libpcap loads, else the one-line reason. */
    public static String problem() {
        try {
            Pcaps.libVersion();
            return null;
        } catch (LinkageError e) {
            return MISSING;
        }
    }
}
