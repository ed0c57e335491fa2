package io.floatip.config;

import java.util.Optional;

/**
 * The {@code accept} key, RFC 9568's Accept_Mode. floatip's master always accepts packets to its VIPs: they
 * are ordinary addresses on the interface, which is what keepalived does by default (vrrp.c,
 * vrrp_complete_instance: accept unless vrrp_strict). Refusing them as a non-owner master needs firewall rules
 * added and removed with the VIPs (keepalived's vrrp_nftables.c / vrrp_iptables.c), which floatip does not
 * have yet: {@code accept: false} is an error rather than a setting that silently does nothing.
 */
final class AcceptReader {

    private AcceptReader() {
    }

    static Optional<Boolean> read(Field field) {
        return field.bool().filter(accept -> {
            if (!accept) {
                field.error("accept: false is not supported yet: a floatip master always answers packets sent to "
                        + "its virtual_ips (RFC 9568 Accept_Mode true, keepalived's default without vrrp_strict); "
                        + "refusing them needs firewall rules floatip does not add. Remove the key or set it to "
                        + "true, and add your own nftables rule dropping input to the VIPs if you need it");
            }
            return accept;
        });
    }
}
