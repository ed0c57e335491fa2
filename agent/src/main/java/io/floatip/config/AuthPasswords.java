package io.floatip.config;

/** The rule for a VRRPv2 password, shared by the reader (which explains) and the record (which enforces). */
final class AuthPasswords {

    private AuthPasswords() {
    }

    /** The index of the first character outside space..'~', or -1: peers compare the bytes, so no encodings. */
    static int firstNonPrintable(String password) {
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return i;
            }
        }
        return -1;
    }

    static boolean isPrintableAscii(String password) {
        return firstNonPrintable(password) < 0;
    }
}
