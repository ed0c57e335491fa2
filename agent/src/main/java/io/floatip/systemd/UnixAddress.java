package io.floatip.systemd;

import io.floatip.os.LibC;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A struct sockaddr_un built by hand, as exactly the bytes the kernel reads: sun_family (a native-order u16)
 * then sun_path. Its length is passed to the kernel as addrlen, so it is as long as the name and no longer.
 */
final class UnixAddress {
    /** sizeof(sun_path) on Linux. */
    static final int PATH_MAX = 108;
    private static final int FAMILY_BYTES = 2;

    private UnixAddress() {
    }

    /**
     * {@code /path}: a socket file, NUL-terminated (addrlen counts the NUL). {@code @name}: an abstract name,
     * whose first byte is NUL and which is NOT terminated: the kernel takes every byte up to addrlen as the
     * name, so a trailing NUL would make it another name.
     *
     * @throws IllegalArgumentException why {@code socket} cannot be an address (the caller logs it)
     */
    static byte[] of(String socket) {
        if (socket.startsWith("@")) {
            byte[] name = socket.substring(1).getBytes(StandardCharsets.UTF_8);
            if (name.length == 0) {
                throw new IllegalArgumentException("an abstract socket name after '@' is empty");
            }
            return build((byte) 0, name, false);
        }
        if (socket.startsWith("/")) {
            byte[] path = socket.getBytes(StandardCharsets.UTF_8);
            if (indexOfNul(path) >= 0) {
                throw new IllegalArgumentException("the socket path contains a NUL byte");
            }
            return build(null, path, true);
        }
        throw new IllegalArgumentException("not an absolute path or an '@' abstract name (other forms, such as "
                + "vsock:, are not supported)");
    }

    private static byte[] build(Byte lead, byte[] name, boolean terminate) {
        int pathBytes = (lead == null ? 0 : 1) + name.length + (terminate ? 1 : 0);
        if (pathBytes > PATH_MAX) {
            throw new IllegalArgumentException("the name is " + pathBytes + " bytes, more than sun_path's "
                    + PATH_MAX);
        }
        ByteBuffer address = ByteBuffer.allocate(FAMILY_BYTES + pathBytes).order(ByteOrder.nativeOrder());
        address.putShort((short) LibC.AF_UNIX);
        if (lead != null) {
            address.put(lead);
        }
        address.put(name);
        // A terminating NUL is already there: the buffer starts zeroed.
        return address.array();
    }

    private static int indexOfNul(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
