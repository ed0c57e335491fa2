package io.floatip.systemd;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import io.floatip.net.Errno;
import io.floatip.os.LibC;
import java.util.Map;

/** The two native things SdNotify does: send one datagram, read CLOCK_MONOTONIC. */
final class NativeCalls {
    /** Socket errnos that io.floatip.net.Errno does not name. */
    private static final Map<Integer, String> MORE_NAMES = Map.of(20, "ENOTDIR", 36, "ENAMETOOLONG",
            91, "EPROTOTYPE", 111, "ECONNREFUSED");

    private NativeCalls() {
    }

    /**
     * Sends {@code message} as one datagram to {@code address} from a fresh socket, closed at once (as
     * libsystemd does: nothing stays open between messages, so nothing can go stale across a manager restart).
     *
     * @return null when sent, else why not
     */
    static String send(byte[] address, byte[] message) {
        int fd = LibC.INSTANCE.socket(LibC.AF_UNIX, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            return "socket(AF_UNIX, SOCK_DGRAM): " + errnoName(Native.getLastError());
        }
        try {
            long sent = LibC.INSTANCE.sendto(fd, message, new NativeLong(message.length),
                    LibC.MSG_DONTWAIT | LibC.MSG_NOSIGNAL, address, address.length).longValue();
            if (sent < 0) {
                return "sendto: " + errnoName(Native.getLastError());
            }
            if (sent != message.length) {
                return "sendto: sent " + sent + " of " + message.length + " bytes";
            }
            return null;
        } finally {
            LibC.INSTANCE.close(fd);
        }
    }

    /** CLOCK_MONOTONIC in microseconds, the clock systemd compares MONOTONIC_USEC with. */
    static long monotonicMicros() {
        try (Memory timespec = new Memory(2L * Native.LONG_SIZE)) {
            if (LibC.INSTANCE.clock_gettime(LibC.CLOCK_MONOTONIC, timespec) == 0) {
                long seconds = timespec.getNativeLong(0).longValue();
                long nanos = timespec.getNativeLong(Native.LONG_SIZE).longValue();
                return seconds * 1_000_000L + nanos / 1_000L;
            }
        }
        // Cannot happen for CLOCK_MONOTONIC on Linux; HotSpot's nanoTime reads that same clock.
        return System.nanoTime() / 1_000L;
    }

    static String errnoName(int errno) {
        String name = MORE_NAMES.get(errno);
        return name != null ? name : Errno.name(errno);
    }
}
