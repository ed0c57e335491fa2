package io.floatip.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * floatip's one answer to "am I root" and "which capabilities do I have", read from /proc/self/status (the
 * effective uid and CapEff), so nothing is spawned and no native call is needed to find out.
 */
public final class Privileges {
    /** capabilities(7) numbers. */
    public static final int CAP_NET_ADMIN = 12;
    public static final int CAP_NET_RAW = 13;

    private static final Path STATUS = Path.of("/proc/self/status");

    private Privileges() {
    }

    /** True when this process's effective uid is 0; false when it is not or cannot be read. */
    public static boolean isRoot() {
        OptionalInt uid = effectiveUid();
        return uid.isPresent() && uid.getAsInt() == 0;
    }

    /** This process's effective uid, or empty when /proc/self/status cannot be read. */
    public static OptionalInt effectiveUid() {
        try {
            return effectiveUid(Files.readString(STATUS));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /** The effective uid: the second number on the "Uid:" line (real, effective, saved, fs); empty without one. */
    public static OptionalInt effectiveUid(String procStatus) {
        for (String line : procStatus.split("\n")) {
            if (line.startsWith("Uid:")) {
                try {
                    return OptionalInt.of(Integer.parseInt(line.substring(4).strip().split("\\s+")[1]));
                } catch (RuntimeException e) {
                    return OptionalInt.empty();
                }
            }
        }
        return OptionalInt.empty();
    }

    /** The CapEff line's hex mask, if there is one. */
    public static Optional<Long> effectiveCapabilities(String procStatus) {
        for (String line : procStatus.split("\n")) {
            if (line.startsWith("CapEff:")) {
                try {
                    return Optional.of(Long.parseUnsignedLong(line.substring("CapEff:".length()).strip(), 16));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
