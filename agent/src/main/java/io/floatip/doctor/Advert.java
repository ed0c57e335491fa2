package io.floatip.doctor;

import java.util.List;

/**
 * A VRRP advertisement heard while listening: what the doctor reports about another speaker.
 *
 * @param intervalCentis as {@link io.floatip.protocol.VrrpPacket#advertInterval()}
 * @param addresses      the VIPs it protects, as text
 */
public record Advert(String source, int vrid, int priority, int version, int intervalCentis, List<String> addresses,
        int ttl) {

    public Advert {
        addresses = List.copyOf(addresses);
    }
}
