package io.floatip.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines nested into statements by their braces, and the brace errors with their FILE:LINE. */
class BlocksTest {

    private static List<Statement> build(String text) throws ImportException {
        return Blocks.build(Lexer.lex(text, "k.conf"));
    }

    private static String error(String text) {
        return assertThrows(ImportException.class, () -> build(text)).getMessage();
    }

    @Test
    void statementsAndNestedBlocks() throws Exception {
        List<Statement> top = build("""
                global_defs {
                    router_id lb1
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_ipaddress {
                        198.51.100.50/24 dev eth0
                    }
                }
                """);
        assertEquals(List.of("global_defs", "vrrp_instance"), top.stream().map(Statement::keyword).toList());
        Statement instance = top.get(1);
        assertEquals(List.of("VI_1"), instance.args());
        assertEquals(4, instance.place().line());
        Statement vips = instance.children().get(1);
        assertEquals("virtual_ipaddress", vips.keyword());
        Statement vip = vips.children().get(0);
        assertEquals(List.of("198.51.100.50/24", "dev", "eth0"), vip.words());
        assertFalse(vip.hasBlock());
        assertEquals(7, vip.place().line());
    }

    @Test
    void blocksOnOneLine() throws Exception {
        Statement group = build("vrrp_sync_group G { group {A B} notify_master /x.sh }").get(0);
        assertEquals(List.of("A", "B"), group.children().get(0).blockWords());
        assertEquals(List.of("notify_master", "/x.sh"), group.children().get(1).words());
    }

    @Test
    void aValueBlockGivesAllItsWordsInOrder() throws Exception {
        Statement group = build("group {\n  VI_1\n  VI_2 VI_3\n}\n").get(0);
        assertEquals(List.of("VI_1", "VI_2", "VI_3"), group.blockWords());
    }

    @Test
    void aBraceOnTheNextLineOpensTheBlockAbove() throws Exception {
        Statement instance = build("vrrp_instance VI_1\n{\n  interface eth0\n}\n").get(0);
        assertTrue(instance.hasBlock());
        assertEquals("interface", instance.children().get(0).keyword());
        assertEquals(1, instance.place().line());
    }

    @Test
    void anEmptyBlockIsABlock() throws Exception {
        Statement block = build("virtual_ipaddress {}").get(0);
        assertTrue(block.hasBlock());
        assertTrue(block.children().isEmpty());
    }

    @Test
    void anExtraClosingBraceNamesItsLine() {
        assertEquals("k.conf:3: '}' without a matching '{'", error("a {\n}\n}\n"));
    }

    @Test
    void anUnclosedBlockNamesWhereItOpened() {
        assertEquals("k.conf:2: the '{' of virtual_ipaddress is never closed",
                error("vrrp_instance VI_1 {\n  virtual_ipaddress {\n    198.51.100.50\n"));
        assertEquals("k.conf:1: the '{' of vrrp_instance is never closed",
                error("vrrp_instance VI_1 {\n  virtual_ipaddress {\n  }\n"));
    }

    @Test
    void aBraceWithNothingToOpen() {
        assertEquals("k.conf:1: '{' without a keyword before it", error("{\n}\n"));
        assertEquals("k.conf:2: '{' without a keyword before it", error("a { }\n{\n}\n"));
    }

    @Test
    void longStatementsAreCutInWarnings() throws Exception {
        Statement s = build("x " + "y".repeat(200)).get(0);
        assertEquals(100, s.text().length());
        assertTrue(s.text().endsWith("..."));
    }

    @Test
    void aBraceInsideAValueBlockIsOnlyAWord() throws Exception {
        List<Statement> top = build("""
                global_defs {
                    notification_email {
                        ops@example.com {
                    }
                    router_id lb1
                }
                """);
        assertEquals(1, top.size());
        Statement global = top.get(0);
        assertEquals(List.of("notification_email", "router_id"),
                global.children().stream().map(Statement::keyword).toList());
        assertEquals(List.of("ops@example.com", "{"), global.children().get(0).blockWords());
    }
}
