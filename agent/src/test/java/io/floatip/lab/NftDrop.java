package io.floatip.lab;

import java.time.Duration;
import java.util.List;

/**
 * Frames lost on the way, by nftables: in the lab's switch (bridge family, forward hook: between the nodes) or
 * on a node's own input hook. Each drop rule counts what it drops, so a test can show the rule did its part.
 * The table lives in the lab's namespaces and goes with them.
 */
public final class NftDrop {
    private NftDrop() {
    }

    /** Drops in the switch every frame that matches {@code match} (an nft expression), into table {@code table}. */
    public static void inSwitch(Lab lab, String table, String match) {
        nft(lab, "add table bridge " + table);
        nft(lab, "add chain bridge " + table + " forward { type filter hook forward priority 0; }");
        nft(lab, "add rule bridge " + table + " forward " + match + " counter drop");
    }

    /** The switch's table {@code table}, with its counters. */
    public static String switchRules(Lab lab, String table) {
        return lab.netns().exec(lab.switchNs(), Duration.ofSeconds(10), List.of("nft", "list", "table", "bridge",
                table)).orThrow().output();
    }

    /** Lets everything through the switch again. */
    public static void clearSwitch(Lab lab, String table) {
        nft(lab, "delete table bridge " + table);
    }

    /** Drops what {@code match} matches on {@code node}'s input hook (inet family), into table {@code table}. */
    public static void onInput(Node node, String table, String match) {
        node.exec("nft", "add table inet " + table).orThrow();
        node.exec("nft", "add chain inet " + table + " input { type filter hook input priority 0; }").orThrow();
        node.exec("nft", "add rule inet " + table + " input " + match + " counter drop").orThrow();
    }

    /** {@code node}'s table {@code table}, with its counters. */
    public static String inputRules(Node node, String table) {
        return node.exec("nft", "list table inet " + table).orThrow().output();
    }

    private static void nft(Lab lab, String command) {
        lab.netns().exec(lab.switchNs(), Duration.ofSeconds(10), List.of("sh", "-c", "nft '" + command + "'"))
                .orThrow();
    }
}
