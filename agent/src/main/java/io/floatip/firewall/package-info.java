/**
 * RFC 9568 Accept_Mode false: the nftables table in which a non-owner master drops packets addressed to its
 * VIPs. {@link io.floatip.firewall.NftRuleset} writes the table (pure); {@link io.floatip.firewall.AcceptFirewall}
 * keeps what each instance refuses and has {@code nft} apply it.
 */
package io.floatip.firewall;
