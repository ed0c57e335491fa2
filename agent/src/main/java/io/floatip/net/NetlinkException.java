package io.floatip.net;

/**
 * A netlink or socket call failed with an errno. The message is meant for an operator: it names
 * the operation, the errno, and for the errors an operator can fix, what to do.
 */
public class NetlinkException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int errno;

    /**
     * @param operation     what was attempted, e.g. "add 198.51.100.50/24 on interface index 3"
     * @param errno         positive errno
     * @param device        the interface as the caller named it ("index 3", "name eth0"), or null
     * @param kernelMessage the kernel's extended-ack text, or null
     */
    public NetlinkException(String operation, int errno, String device, String kernelMessage) {
        super(message(operation, errno, device, kernelMessage));
        this.errno = errno;
    }

    public NetlinkException(String operation, int errno) {
        this(operation, errno, null, null);
    }

    public int errno() {
        return errno;
    }

    public String errnoName() {
        return Errno.name(errno);
    }

    private static String message(String operation, int errno, String device, String kernelMessage) {
        StringBuilder text = new StringBuilder(operation).append(" failed: ").append(Errno.name(errno));
        // The capability check fails without a reason of the kernel's; with one (EACCES "IPv6 is disabled on this
        // device"), guessing a missing capability would send the operator the wrong way.
        boolean kernelSaid = kernelMessage != null && !kernelMessage.isEmpty();
        String hint = kernelSaid && (errno == Errno.EPERM || errno == Errno.EACCES) ? null : hint(errno, device);
        if (hint != null) {
            text.append(": ").append(hint);
        }
        if (kernelSaid) {
            text.append(" (kernel: ").append(kernelMessage).append(')');
        }
        return text.toString();
    }

    private static String hint(int errno, String device) {
        switch (errno) {
            case Errno.EPERM:
            case Errno.EACCES:
                return "missing capability CAP_NET_ADMIN (run as root or grant AmbientCapabilities=CAP_NET_ADMIN)";
            case Errno.ENODEV:
                return device != null ? "no such interface (" + device + ")" : "no such interface";
            default:
                return null;
        }
    }
}
