package io.floatip.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NetlinkErrnoTest {

    @Test
    void namesLinuxErrnoNumbers() {
        assertEquals("EPERM", Errno.name(1));
        assertEquals("ENOENT", Errno.name(2));
        assertEquals("ESRCH", Errno.name(3));
        assertEquals("EINTR", Errno.name(4));
        assertEquals("EIO", Errno.name(5));
        assertEquals("ENXIO", Errno.name(6));
        assertEquals("EBADF", Errno.name(9));
        assertEquals("EAGAIN", Errno.name(11));
        assertEquals("ENOMEM", Errno.name(12));
        assertEquals("EACCES", Errno.name(13));
        assertEquals("EBUSY", Errno.name(16));
        assertEquals("EEXIST", Errno.name(17));
        assertEquals("ENODEV", Errno.name(19));
        assertEquals("EINVAL", Errno.name(22));
        assertEquals("ENOSPC", Errno.name(28));
        assertEquals("EMSGSIZE", Errno.name(90));
        assertEquals("EPROTONOSUPPORT", Errno.name(93));
        assertEquals("EOPNOTSUPP", Errno.name(95));
        assertEquals("EAFNOSUPPORT", Errno.name(97));
        assertEquals("EADDRINUSE", Errno.name(98));
        assertEquals("EADDRNOTAVAIL", Errno.name(99));
        assertEquals("ENETDOWN", Errno.name(100));
        assertEquals("ENOBUFS", Errno.name(105));
        assertEquals("ETIMEDOUT", Errno.name(110));
    }

    @Test
    void numbersWithoutANameStayReadable() {
        assertEquals("errno 4242", Errno.name(4242));
        assertEquals("errno 0", Errno.name(0));
    }
}
