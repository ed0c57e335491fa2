package io.floatip.bench;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.concurrent.locks.LockSupport;

/**
 * The client's prober: an ICMP echo request to the VIP every period, on a fixed schedule, through the
 * client's own IP stack and ARP cache (a raw socket; the kernel writes the IP header). iputils ping cannot do
 * this: below 10 ms it waits for each reply, and with none coming it sends only every 10 ms (MININTERVAL),
 * so an outage would be measured in 10 ms steps. Replies are not read here; tcpdump records them.
 *
 * <pre>EchoSender VIP PERIOD_MICROS COUNT</pre> Run by the bench inside the client's namespace; exits after
 * COUNT probes or when killed.
 */
public final class EchoSender {
    private static final int AF_INET = 2;
    private static final int SOCK_RAW = 3;
    private static final int IPPROTO_ICMP = 1;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int PAYLOAD = 16;

    interface C extends Library {
        C LIBC = Native.load("c", C.class);

        int socket(int domain, int type, int protocol);

        NativeLong sendto(int fd, byte[] buffer, NativeLong length, int flags, byte[] address, int addressLength);
    }

    private EchoSender() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress vip = InetAddress.getByName(args[0]);
        long periodNanos = Long.parseLong(args[1]) * 1000;
        long count = Long.parseLong(args[2]);
        if (!(vip instanceof Inet4Address)) {
            throw new IllegalArgumentException("IPv4 only: " + vip);
        }
        int fd = C.LIBC.socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
        if (fd < 0) {
            System.out.println("EchoSender: socket failed, errno " + Native.getLastError());
            System.exit(1);
        }
        byte[] to = new byte[16];
        to[0] = AF_INET; // sa_family in host order (little-endian here); port 0
        System.arraycopy(vip.getAddress(), 0, to, 4, 4);
        int id = (int) (ProcessHandle.current().pid() & 0xffff);
        byte[] echo = new byte[8 + PAYLOAD];
        System.out.println("EchoSender: probing " + vip.getHostAddress() + " every " + args[1] + " us");
        long next = System.nanoTime();
        for (long seq = 0; seq < count; seq++) {
            fill(echo, id, (int) (seq & 0xffff));
            // Never blocks: a probe the kernel cannot queue (the neighbour is unresolved) is simply lost, as
            // a real client's would be, and the schedule goes on.
            C.LIBC.sendto(fd, echo, new NativeLong(echo.length), MSG_DONTWAIT, to, to.length);
            next += periodNanos;
            long wait;
            while ((wait = next - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    /** Echo request (RFC 792): type 8, code 0, checksum, identifier, sequence number, payload. */
    static void fill(byte[] b, int id, int seq) {
        b[0] = 8;
        b[1] = 0;
        b[2] = 0;
        b[3] = 0;
        b[4] = (byte) (id >> 8);
        b[5] = (byte) id;
        b[6] = (byte) (seq >> 8);
        b[7] = (byte) seq;
        int sum = 0;
        for (int i = 0; i < b.length; i += 2) {
            sum += ((b[i] & 0xff) << 8) | (i + 1 < b.length ? b[i + 1] & 0xff : 0);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        sum = ~sum & 0xffff;
        b[2] = (byte) (sum >> 8);
        b[3] = (byte) sum;
    }
}
