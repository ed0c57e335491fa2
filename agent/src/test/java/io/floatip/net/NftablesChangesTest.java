package io.floatip.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which nftables transactions left floatip's table damaged, from the notifications nft monitor would show. */
class NftablesChangesTest {
    private static final int INET = 1;
    private static final int IP = 2;

    /** A notification NFT_MSG_{@code msg} about {@code table} of {@code family}: nfgenmsg, then attribute 1. */
    private static NetlinkMessage nft(int msg, int family, String table) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(family);
        b.write(0); // NFNETLINK_V0
        b.write(0);
        b.write(0); // res_id
        byte[] name = (table + "\0").getBytes(StandardCharsets.US_ASCII);
        int length = 4 + name.length;
        b.write(length & 0xff); // nla_len, little-endian host
        b.write(length >> 8);
        b.write(1); // NFTA_*_TABLE
        b.write(0);
        b.writeBytes(name);
        while (b.size() % 4 != 0) {
            b.write(0);
        }
        return new NetlinkMessage((10 << 8) | msg, 0, 0, 0, b.toByteArray());
    }

    private static NetlinkMessage newGen() {
        return new NetlinkMessage((10 << 8) | 15, 0, 0, 0, new byte[]{0, 0, 0, 0});
    }

    private static boolean transaction(NftablesChanges c, NetlinkMessage... messages) {
        for (NetlinkMessage m : messages) {
            assertFalse(c.take(m), "only a transaction's end decides");
        }
        return c.take(newGen());
    }

    @Test
    void aFlushedRulesetDamagesIt() {
        NftablesChanges c = new NftablesChanges(INET, "floatip");
        assertTrue(transaction(c, nft(8, INET, "floatip"), nft(5, INET, "floatip"), nft(2, INET, "floatip"),
                nft(2, INET, "filter")));
    }

    @Test
    void aReloadThatWritesOnlyItsOwnTablesDamagesIt() {
        NftablesChanges c = new NftablesChanges(INET, "floatip");
        assertTrue(transaction(c, nft(2, INET, "floatip"), nft(0, INET, "filter"), nft(3, INET, "filter")));
    }

    @Test
    void aRuleDeletedByHandDamagesIt() {
        assertTrue(transaction(new NftablesChanges(INET, "floatip"), nft(8, INET, "floatip")));
    }

    @Test
    void ourOwnWriteDeletesThenWritesAndDoesNot() {
        NftablesChanges c = new NftablesChanges(INET, "floatip");
        assertFalse(transaction(c, nft(8, INET, "floatip"), nft(5, INET, "floatip"), nft(2, INET, "floatip"),
                nft(0, INET, "floatip"), nft(3, INET, "floatip"), nft(6, INET, "floatip"), nft(6, INET, "floatip")));
    }

    @Test
    void otherTablesAndFamiliesDoNot() {
        NftablesChanges c = new NftablesChanges(INET, "floatip");
        assertFalse(transaction(c, nft(2, INET, "filter"), nft(8, INET, "nat")));
        assertFalse(transaction(c, nft(2, IP, "floatip")), "ip floatip is not inet floatip");
        assertFalse(transaction(c, nft(2, INET, "floatip2")));
        assertFalse(transaction(c, nft(7, INET, "floatip")), "a GETRULE changes nothing");
        assertFalse(transaction(c), "an empty transaction");
    }

    @Test
    void eachTransactionIsJudgedAlone() {
        NftablesChanges c = new NftablesChanges(INET, "floatip");
        assertTrue(transaction(c, nft(2, INET, "floatip")));
        assertFalse(transaction(c, nft(0, INET, "other")), "the last one's deletion does not carry over");
    }

    @Test
    void otherSubsystemsAndShortMessagesAreIgnored() {
        NftablesChanges c = new NftablesChanges(INET, "floatip");
        assertFalse(c.take(new NetlinkMessage((1 << 8) | 2, 0, 0, 0, new byte[]{1, 0, 0, 0})));
        assertFalse(c.take(new NetlinkMessage((10 << 8) | 2, 0, 0, 0, new byte[]{1})));
        assertFalse(c.take(newGen()));
    }
}
