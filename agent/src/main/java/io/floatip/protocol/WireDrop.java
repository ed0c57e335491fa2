package io.floatip.protocol;

/**
 * Why the codec would not read a frame as a VRRP advert: what is wrong on the wire. The order follows the order
 * in which {@link VrrpCodec} checks, like RFC 9568 section 7.1. IPv4 and IPv6 share a reason where the check is
 * the same: an IPv6 hop limit other than 255 is {@link #TTL_NOT_255}, so the per-peer TTL range and its
 * counters work alike for both families.
 */
public enum WireDrop implements DropReason {
    TRUNCATED("frame shorter than its headers say"),
    NOT_IP("ethertype is neither IPv4 (0x0800) nor IPv6 (0x86dd)"),
    VLAN_TAGGED("802.1Q or 802.1ad tagged: an advert of another VLAN, never one for the untagged interface's instances"),
    NOT_IPV4("IPv4 ethertype, but the IP version is not 4"),
    BAD_IP_HEADER("IP header length or total length is invalid"),
    BAD_IP_CHECKSUM("IPv4 header checksum is wrong"),
    NOT_IPV6("IPv6 ethertype, but the IP version is not 6"),
    FRAGMENT("IP fragment, or an IPv6 Fragment header (VRRP is never fragmented)"),
    IPV6_EXTENSION_HEADER("IPv6 extension header before VRRP (RFC 9568 sends none; only the fixed header is read)"),
    NOT_VRRP("IPv4 protocol or IPv6 next header is not 112"),
    TTL_NOT_255("IPv4 TTL or IPv6 hop limit is not 255 (RFC 9568 7.1: sent from off-link or forwarded)"),
    BAD_VERSION("VRRP version is neither 2 nor 3, or 2 over IPv6 (VRRPv2 is IPv4 only, RFC 3768)"),
    BAD_TYPE("VRRP type is not ADVERTISEMENT (1)"),
    LENGTH_MISMATCH("VRRP length does not match the address count"),
    BAD_CHECKSUM("VRRP checksum is wrong"),
    ZERO_INTERVAL("advertisement interval is zero"),
    BAD_AUTH_TYPE("VRRPv2 authentication type is unknown");

    private final String description;

    WireDrop(String description) {
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }
}
