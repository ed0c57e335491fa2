package io.floatip.policy;

import io.floatip.config.Ipv6Text;
import java.net.InetAddress;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Another node holds our VIP while we are master: what we know of it and the likely cause.
 *
 * @param peerAddress  its advert source, or null when none of its adverts reached us
 * @param peerMac      its MAC (aa:bb:...), or null when only its dropped advert's source is known
 * @param peerPriority the priority of its last advert, or -1 when none reached us
 * @param peerVersion  its VRRP version, or 0
 * @param peerInterval its advert interval in centiseconds, or 0
 * @param since        when it was confirmed, on the loop's clock
 */
public record Conflict(ConflictCause cause, InetAddress peerAddress, String peerMac, int peerPriority,
                       int peerVersion, int peerInterval, long since) {

    /** The log line's text: who, what differs, and which VIPs both hold. */
    public String describe(int vrid, int ourVersion, int ourIntervalCentis, List<InetAddress> vips) {
        String who = peerAddress != null
                ? "peer " + Ipv6Text.format(peerAddress) + (peerMac != null ? " (" + peerMac + ")" : "")
                : "the node at " + peerMac;
        String what = switch (cause) {
            case VERSION_MISMATCH -> cause.text().formatted(vrid, peerVersion, ourVersion);
            case INTERVAL_MISMATCH -> cause.text().formatted(vrid, peerInterval * 10, ourIntervalCentis * 10);
            case NOT_HEARD -> cause.text().formatted(vrid, peerPriority);
            default -> cause.text().formatted(vrid);
        };
        return who + " " + what + "; both of us hold "
                + vips.stream().map(Ipv6Text::format).collect(Collectors.joining(", "));
    }
}
