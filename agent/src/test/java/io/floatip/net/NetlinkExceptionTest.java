package io.floatip.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NetlinkExceptionTest {

    @Test
    void permissionErrorsNameTheCapability() {
        String hint = "missing capability CAP_NET_ADMIN (run as root or grant AmbientCapabilities=CAP_NET_ADMIN)";
        NetlinkException eperm = new NetlinkException("add 198.51.100.50/24 on interface index 3", Errno.EPERM);
        assertEquals("add 198.51.100.50/24 on interface index 3 failed: EPERM: " + hint, eperm.getMessage());
        NetlinkException eacces = new NetlinkException("open NETLINK_ROUTE socket", Errno.EACCES);
        assertEquals("open NETLINK_ROUTE socket failed: EACCES: " + hint, eacces.getMessage());
    }

    @Test
    void missingInterfaceNamesTheIndex() {
        NetlinkException e = new NetlinkException("delete 198.51.100.50/24 on interface index 7", Errno.ENODEV,
                "index 7", null);
        assertEquals("delete 198.51.100.50/24 on interface index 7 failed: ENODEV: no such interface (index 7)",
                e.getMessage());
        assertEquals(19, e.errno());
        assertEquals("ENODEV", e.errnoName());
    }

    @Test
    void kernelMessageIsAppended() {
        NetlinkException e = new NetlinkException("add 2001:db8::1/64 on interface index 3", Errno.EINVAL,
                "index 3", "Invalid prefix length");
        assertEquals("add 2001:db8::1/64 on interface index 3 failed: EINVAL (kernel: Invalid prefix length)",
                e.getMessage());
    }

    @Test
    void aPermissionErrorWithTheKernelsOwnReasonIsNotBlamedOnACapability() {
        assertEquals("add 2001:db8::1/64 on interface index 3 failed: EACCES (kernel: ipv6: IPv6 is disabled on this "
                        + "device)", new NetlinkException("add 2001:db8::1/64 on interface index 3", Errno.EACCES, null,
                "ipv6: IPv6 is disabled on this device").getMessage());
    }
}
