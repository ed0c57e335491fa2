package io.floatip.net;

import io.floatip.os.LibC;
import io.floatip.os.LibCDirect;
import java.nio.ByteOrder;

/**
 * Reading native memory and the wall clock without a Java object per call: libc's memcpy into a Java array,
 * and clock_gettime into one, through the direct-mapped {@link LibCDirect}. Linux on a 64-bit ABI: long,
 * time_t and a pointer are 8 bytes.
 */
final class NativeMemory {
    private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private NativeMemory() {
    }

    /** Binds the calls now (class initialisation). */
    static void bind() {
        LibCDirect.bind();
    }

    /** memcpy(3) from native {@code source} into {@code destination[0, length)}. */
    static long memcpy(byte[] destination, long source, long length) {
        return LibCDirect.memcpy(destination, source, length);
    }

    /** The wall clock in nanoseconds since the epoch, as Instant.now() but without an object. */
    static long wallNanos(long[] scratch) {
        LibCDirect.clock_gettime(LibC.CLOCK_REALTIME, scratch);
        return scratch[0] * 1_000_000_000L + scratch[1];
    }

    /** A native-order 64-bit value from {@code b[at, at+8)}. */
    static long long64(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[at + (LITTLE ? i : 7 - i)] & 0xff);
        }
        return v;
    }

    /** A native-order 32-bit value from {@code b[at, at+4)}. */
    static int int32(byte[] b, int at) {
        int v = 0;
        for (int i = 3; i >= 0; i--) {
            v = v << 8 | (b[at + (LITTLE ? i : 3 - i)] & 0xff);
        }
        return v;
    }
}
