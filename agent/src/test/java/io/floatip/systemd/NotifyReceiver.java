package io.floatip.systemd;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The service manager's end, for tests: an AF_UNIX datagram socket bound to a path or an abstract name.
 * Its sockaddr_un is laid out here again, independently of UnixAddress, so a mistake there cannot hide.
 */
final class NotifyReceiver implements AutoCloseable {
    interface C extends Library {
        C LIBC = Native.load("c", C.class);

        int socket(int domain, int type, int protocol);

        int bind(int fd, byte[] address, int length);

        int setsockopt(int fd, int level, int option, long[] value, int length);

        NativeLong recv(int fd, byte[] buffer, NativeLong length, int flags);

        int close(int fd);

        int clock_gettime(int clock, long[] timespec);
    }

    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int MSG_TRUNC = 0x20;

    private final int fd;

    /** @param name "/path" or "@abstract" */
    NotifyReceiver(String name) {
        fd = C.LIBC.socket(1, 2, 0);
        if (fd < 0) {
            throw new IllegalStateException("socket: errno " + Native.getLastError());
        }
        byte[] address = addressOf(name);
        if (C.LIBC.bind(fd, address, address.length) != 0) {
            int errno = Native.getLastError();
            C.LIBC.close(fd);
            throw new IllegalStateException("bind " + name + ": errno " + errno);
        }
        long[] twoSeconds = {2, 0}; // struct timeval
        C.LIBC.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, twoSeconds, 16);
    }

    /** x86_64 and aarch64 are little-endian: sun_family AF_UNIX is 01 00. */
    private static byte[] addressOf(String name) {
        byte[] text = name.getBytes(StandardCharsets.UTF_8);
        if (name.startsWith("@")) {
            byte[] address = new byte[2 + text.length]; // '@' becomes the NUL, no terminator
            address[0] = 1;
            System.arraycopy(text, 1, address, 3, text.length - 1);
            return address;
        }
        byte[] address = new byte[2 + text.length + 1];
        address[0] = 1;
        System.arraycopy(text, 0, address, 2, text.length);
        return address;
    }

    /** The next datagram, exactly as sent; fails after two seconds without one. */
    byte[] receive() {
        return read(0);
    }

    /** The next datagram if one is already queued, else null. */
    byte[] poll() {
        return read(MSG_DONTWAIT);
    }

    private byte[] read(int flags) {
        byte[] buffer = new byte[4096];
        long n = C.LIBC.recv(fd, buffer, new NativeLong(buffer.length), flags | MSG_TRUNC).longValue();
        if (n < 0) {
            int errno = Native.getLastError();
            if (flags == MSG_DONTWAIT && errno == 11) {
                return null;
            }
            throw new IllegalStateException("recv: errno " + errno + (errno == 11 ? " (nothing within 2 s)" : ""));
        }
        if (n > buffer.length) {
            throw new IllegalStateException("datagram of " + n + " bytes truncated");
        }
        return Arrays.copyOf(buffer, (int) n);
    }

    static long monotonicMicros() {
        long[] timespec = new long[2];
        C.LIBC.clock_gettime(1, timespec);
        return timespec[0] * 1_000_000L + timespec[1] / 1_000L;
    }

    @Override
    public void close() {
        C.LIBC.close(fd);
    }
}
