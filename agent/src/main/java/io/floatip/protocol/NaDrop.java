package io.floatip.protocol;

/**
 * Why an ICMPv6 frame the split-brain watch's capture filter let in is not read as a Neighbor Advertisement:
 * RFC 4861 7.1.2's validity checks, in the order {@link NeighborAdvert#check} makes them. A node discards such
 * an NA, so it claims nothing. Keys start with {@code na_}: they share the interface's drop counters with
 * {@link WireDrop}'s.
 */
public enum NaDrop implements DropReason {
    NA_TRUNCATED("ICMPv6 frame shorter than a Neighbor Advertisement, or than its IPv6 payload length says"),
    NA_NOT_IPV6("IPv6 ethertype, but the IP version is not 6"),
    NA_EXTENSION_HEADER("IPv6 next header is not ICMPv6 (an extension header; RFC 4861 sends none)"),
    NA_HOP_LIMIT_NOT_255("Neighbor Advertisement with a hop limit other than 255 (RFC 4861 7.1.2: forwarded)"),
    NA_NOT_ADVERT("ICMPv6 type is not Neighbor Advertisement (136)"),
    NA_BAD_CODE("Neighbor Advertisement with an ICMPv6 code other than 0"),
    NA_BAD_CHECKSUM("Neighbor Advertisement with a wrong ICMPv6 checksum"),
    NA_MULTICAST_TARGET("Neighbor Advertisement whose target is a multicast address"),
    NA_SOLICITED_TO_MULTICAST("Neighbor Advertisement to a multicast destination with the Solicited flag set"),
    NA_BAD_OPTION("Neighbor Advertisement with an option of length 0 or running past the payload");

    private final String description;

    NaDrop(String description) {
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }
}
