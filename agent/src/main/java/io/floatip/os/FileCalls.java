package io.floatip.os;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * The libc file calls the JDK does not offer: open with O_NONBLOCK and O_NOFOLLOW (a FIFO or device must never
 * block the opener), mkfifo, flock, umask. After a call returns -1, {@link Native#getLastError()} is its errno.
 * size_t and ssize_t are NativeLong: long has their width on Linux.
 */
public interface FileCalls extends Library {
    FileCalls INSTANCE = Native.load("c", FileCalls.class);

    int O_RDONLY = 0;
    int O_WRONLY = 1;
    int O_RDWR = 2;
    int O_NONBLOCK = 04000;
    int O_CLOEXEC = 02000000;
    /** Differs by architecture: x86_64 (and most others) 0400000, aarch64 and arm 0100000. */
    int O_NOFOLLOW = System.getProperty("os.arch", "").startsWith("aarch64")
            || System.getProperty("os.arch", "").startsWith("arm") ? 0100000 : 0400000;
    int O_CREAT = 0100;

    int LOCK_EX = 2;
    int LOCK_NB = 4;

    int EAGAIN = 11;
    int EINTR = 4;
    int ELOOP = 40;
    int ENOENT = 2;
    int EWOULDBLOCK = EAGAIN;

    int open(String path, int flags);

    int open(String path, int flags, int mode);

    NativeLong read(int fd, byte[] buffer, NativeLong count);

    NativeLong write(int fd, byte[] buffer, NativeLong count);

    int close(int fd);

    int mkfifo(String path, int mode);

    int flock(int fd, int operation);

    int umask(int mask);

    String strerror(int errno);

    /** strerror of the calling thread's last errno, e.g. "Too many levels of symbolic links". */
    static String lastError() {
        int errno = Native.getLastError();
        return INSTANCE.strerror(errno) + " (errno " + errno + ")";
    }
}
