package io.floatip.protocol;

/**
 * Why a well-formed advert was not handed to a router: the link's demultiplexing (our own advert, a VRID we do
 * not run), the instance's policy (RFC 9568 7.1's version, authentication and interval checks, unicast peers
 * and their TTL range) and the event loop's back-pressure. The codec never returns these.
 */
public enum PolicyDrop implements DropReason {
    OWN_ADVERT("our own advertisement"),
    UNKNOWN_VRID("no instance with this VRID on this interface"),
    UNKNOWN_PEER("source is not in unicast_peers"),
    TTL_OUT_OF_RANGE("TTL outside the unicast peer's min_ttl..max_ttl"),
    VERSION_MISMATCH("VRRP version differs from the instance's"),
    AUTH_MISMATCH("authentication type or data differs from the instance's"),
    INTERVAL_MISMATCH("VRRPv2 advertisement interval differs from the instance's"),
    LOOP_BEHIND("the event loop was 8 adverts behind for this instance: the oldest gave way to this one");

    private final String description;

    PolicyDrop(String description) {
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }
}
