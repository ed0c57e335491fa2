package io.floatip.base;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Addresses as operators type them: IPv6 in the RFC 5952 form ("2001:db8::5"), where
 * {@link InetAddress#getHostAddress()} writes every group ("2001:db8:0:0:0:0:0:5").
 */
public final class AddressText {
    private AddressText() {
    }

    public static String format(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (Byte.toUnsignedInt(bytes[2 * i]) << 8) | Byte.toUnsignedInt(bytes[2 * i + 1]);
        }
        // RFC 5952 4.2: "::" replaces the longest run of two or more zero groups, the first on a tie.
        int runStart = -1;
        int runLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > runLength) {
                runStart = i;
                runLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; ) {
            if (i == runStart) {
                text.append("::");
                i += runLength;
                continue;
            }
            if (i > 0 && i != runStart + runLength) {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
            i++;
        }
        int scope = ((Inet6Address) address).getScopeId();
        return scope != 0 ? text + "%" + scope : text.toString();
    }

    public static String cidr(InetAddress address, int prefixLength) {
        return format(address) + "/" + prefixLength;
    }
}
