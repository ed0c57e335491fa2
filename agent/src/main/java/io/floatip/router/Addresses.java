package io.floatip.router;

import java.net.InetAddress;

/** RFC 9568 6.4.3's tie-break: of two equal priorities, the higher primary address wins. */
final class Addresses {
    private Addresses() {
    }

    /** Compares two addresses as unsigned big-endian numbers ("greater than"); a longer one is greater. */
    static int compare(InetAddress a, InetAddress b) {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        if (x.length != y.length) {
            return Integer.compare(x.length, y.length);
        }
        for (int i = 0; i < x.length; i++) {
            int c = Integer.compare(x[i] & 0xff, y[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
