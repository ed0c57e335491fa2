package io.floatip.net;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import io.floatip.os.LibC;

/**
 * A raw IPv4 socket for one IP protocol that never delivers anything. Its only job: while some raw socket
 * is bound to protocol 112, the kernel does not answer each unicast advert with an ICMP protocol
 * unreachable (it would, since no protocol handler is registered for VRRP). Frames are read through pcap.
 */
public final class ProtocolSocket implements AutoCloseable {
    private static final int AF_INET = 2;
    private static final int SO_ATTACH_FILTER = 26;
    /** BPF_RET | BPF_K with k = 0: accept zero bytes, i.e. drop every packet before it is queued. */
    private static final short BPF_RET_K = 0x06;

    private final int fd;

    private ProtocolSocket(int fd) {
        this.fd = fd;
    }

    public static ProtocolSocket open(int protocol) throws NetlinkException {
        int fd = LibC.INSTANCE.socket(AF_INET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol);
        if (fd < 0) {
            throw new NetlinkException("open a raw socket for IP protocol " + protocol, Native.getLastError());
        }
        Memory program = new Memory(8);          // struct sock_filter { u16 code; u8 jt; u8 jf; u32 k; }
        program.clear();
        program.setShort(0, BPF_RET_K);
        Memory fprog = new Memory(16);           // struct sock_fprog { u16 len; (pad) struct sock_filter *filter; }
        fprog.clear();
        fprog.setShort(0, (short) 1);
        fprog.setPointer(Native.POINTER_SIZE == 8 ? 8 : 4, program);
        if (LibC.INSTANCE.setsockopt(fd, LibC.SOL_SOCKET, SO_ATTACH_FILTER, fprog, (int) fprog.size()) < 0) {
            int errno = Native.getLastError();
            LibC.INSTANCE.close(fd);
            throw new NetlinkException("attach a drop-all filter to the raw socket", errno);
        }
        return new ProtocolSocket(fd);
    }

    @Override
    public void close() {
        LibC.INSTANCE.close(fd);
    }
}
