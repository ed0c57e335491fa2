package io.floatip.net;

/**
 * What use_vmac needs to know of an existing interface before reusing or replacing it.
 *
 * @param ifIndex     its index
 * @param mac         IFLA_ADDRESS, empty when none
 * @param parentIndex IFLA_LINK, 0 when it has no lower interface
 * @param kind        IFLA_INFO_KIND ("macvlan"...), null for a plain device
 * @param name        IFLA_IFNAME
 * @param alias       IFLA_IFALIAS ({@code ip link set NAME alias TEXT}), null when none
 */
public record LinkDetails(int ifIndex, byte[] mac, int parentIndex, String kind, String name, String alias) {
}
