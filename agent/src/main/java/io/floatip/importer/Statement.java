package io.floatip.importer;

import java.util.ArrayList;
import java.util.List;

/**
 * One keepalived statement: a keyword, its words, and the statements of its block if it has one.
 *
 * @param block null when the statement has no braces; a value block such as {@code group { VI_1 VI_2 }} holds
 *              one statement per line, its first word as the keyword
 */
record Statement(String keyword, List<String> args, List<Statement> block, Place place) {

    /** Longer statement texts are cut in warnings, which are one comment line each. */
    private static final int MAX_SHOWN = 100;

    Statement {
        args = List.copyOf(args);
        block = block == null ? null : List.copyOf(block);
    }

    boolean hasBlock() {
        return block != null;
    }

    /** The block's statements; none when there is no block. */
    List<Statement> children() {
        return block == null ? List.of() : block;
    }

    /** The keyword and then the args. */
    List<String> words() {
        List<String> words = new ArrayList<>();
        words.add(keyword);
        words.addAll(args);
        return words;
    }

    /** Every word of the block's lines, in order: how keepalived reads a value block like {@code group}. */
    List<String> blockWords() {
        List<String> words = new ArrayList<>();
        children().forEach(child -> words.addAll(child.words()));
        return words;
    }

    String arg(int index) {
        return index < args.size() ? args.get(index) : null;
    }

    /** As written, for warnings: {@code virtual_server 198.51.100.80 80}. */
    String text() {
        String text = String.join(" ", words());
        return text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN - 3) + "..." : text;
    }
}
