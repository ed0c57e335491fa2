package io.floatip.net;

/**
 * Reads nftables' change notifications (NFNLGRP_NFTABLES) for one table: whether a transaction left it damaged,
 * its last change to the table a deletion (the table, one of its chains, rules, sets...). A whole {@code nft -f}
 * is one transaction, closed by NFT_MSG_NEWGEN: {@code nft flush ruleset}, an nftables.service reload (flush,
 * then its own tables) or {@code nft delete rule inet floatip ...} end with a deletion of ours; floatip's own
 * write deletes and then writes the table anew, so it ends with an addition and never calls for another
 * write. Pure, one thread.
 */
final class NftablesChanges {
    /** linux/netfilter/nfnetlink.h: nf_tables' messages are (NFNL_SUBSYS_NFTABLES << 8) | NFT_MSG_*. */
    static final int NFNL_SUBSYS_NFTABLES = 10;
    static final int NFT_MSG_NEWGEN = 15;
    static final int NFT_MSG_GETGEN = 16;
    /** nfgenmsg: family, version, res_id (big-endian). */
    static final int NFGENMSG_LEN = 4;
    /** NFTA_TABLE_NAME, NFTA_CHAIN_TABLE, NFTA_RULE_TABLE, NFTA_SET_TABLE...: the table is attribute 1 in all. */
    private static final int TABLE_ATTRIBUTE = 1;

    private final int family;
    private final String table;
    /** This transaction's last change to the table: true a deletion, false an addition, null none. */
    private Boolean lastWasDeletion;

    /** @param family NFPROTO_* (inet: 1) */
    NftablesChanges(int family, String table) {
        this.family = family;
        this.table = table;
    }

    /** Takes one notification; true when it ends a transaction that left the table damaged. */
    boolean take(NetlinkMessage message) {
        if (message.type() >> 8 != NFNL_SUBSYS_NFTABLES) {
            return false;
        }
        int msg = message.type() & 0xff;
        if (msg == NFT_MSG_NEWGEN) {
            boolean damaged = Boolean.TRUE.equals(lastWasDeletion);
            lastWasDeletion = null;
            return damaged;
        }
        Boolean deletion = kind(msg);
        byte[] payload = message.payload();
        if (deletion == null || payload.length < NFGENMSG_LEN || Byte.toUnsignedInt(payload[0]) != family) {
            return false;
        }
        if (table.equals(Attributes.parse(payload, NFGENMSG_LEN).string(TABLE_ATTRIBUTE))) {
            lastWasDeletion = deletion;
        }
        return false;
    }

    /** True for NFT_MSG_DEL* (table, chain, rule, set, element, object, flowtable), false for NEW*, else null. */
    private static Boolean kind(int msg) {
        return switch (msg) {
            case 2, 5, 8, 11, 14, 20, 24 -> Boolean.TRUE;
            case 0, 3, 6, 9, 12, 18, 22 -> Boolean.FALSE;
            default -> null;
        };
    }
}
