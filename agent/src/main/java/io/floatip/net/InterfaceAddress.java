package io.floatip.net;

import io.floatip.base.AddressText;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * One address of an interface, as RTM_NEWADDR reports it.
 *
 * @param ifIndex      ifa_index
 * @param address      IFA_LOCAL for IPv4 (IFA_ADDRESS is the peer on point-to-point links), else IFA_ADDRESS
 * @param prefixLength ifa_prefixlen
 * @param flags        IFA_FLAGS when present, else ifa_flags; see the IFA_F_* constants
 * @param label        IFA_LABEL (IPv4 only), or null
 */
public record InterfaceAddress(int ifIndex, InetAddress address, int prefixLength, int flags, String label) {
    /** IPv4: not the first address of its subnet. IPv6 reuses the bit for IFA_F_TEMPORARY. */
    public static final int IFA_F_SECONDARY = 0x01;
    public static final int IFA_F_NODAD = 0x02;
    public static final int IFA_F_OPTIMISTIC = 0x04;
    public static final int IFA_F_DADFAILED = 0x08;
    public static final int IFA_F_DEPRECATED = 0x20;
    public static final int IFA_F_TENTATIVE = 0x40;
    public static final int IFA_F_PERMANENT = 0x80;

    /** IPv4 only: true when another address of the same subnet came first. */
    public boolean secondary() {
        return address instanceof Inet4Address && has(IFA_F_SECONDARY);
    }

    /** IPv6 only: a privacy (RFC 8981) temporary address. */
    public boolean temporary() {
        return !(address instanceof Inet4Address) && has(IFA_F_SECONDARY);
    }

    /** Configured by hand or by us, rather than learned (SLAAC, DHCP with a lifetime). */
    public boolean permanent() {
        return has(IFA_F_PERMANENT);
    }

    /** IPv6 duplicate address detection still running: the address cannot be used yet. */
    public boolean tentative() {
        return has(IFA_F_TENTATIVE);
    }

    public boolean dadFailed() {
        return has(IFA_F_DADFAILED);
    }

    public boolean noDad() {
        return has(IFA_F_NODAD);
    }

    public boolean deprecated() {
        return has(IFA_F_DEPRECATED);
    }

    private boolean has(int flag) {
        return (flags & flag) != 0;
    }

    @Override
    public String toString() {
        return AddressText.cidr(address, prefixLength) + " ifindex " + ifIndex
                + " flags 0x" + Integer.toHexString(flags) + (label != null ? " label " + label : "");
    }
}
